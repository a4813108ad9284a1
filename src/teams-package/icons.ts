/**
 * SafeStep's Teams icons, drawn in code: a white shield with a tick. color.png is 192×192 on the
 * accent colour, the symbol inside Teams' 120×120 safe area; outline.png is 32×32, white on a
 * transparent background (the tick cut out), as Teams requires. Pure.
 */
import type { RgbaImage } from './png';

/** The app's accent colour (manifest accentColor and the colour icon's background). */
export const ACCENT = '#1F6F5C';

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Inside the shield, in unit coordinates (0..1 both ways, y down). */
function inShield(u: number, v: number): boolean {
  if (v < 0.06 || v > 0.96) return false;
  if (v <= 0.5) return u >= 0.12 && u <= 0.88;
  const half = 0.38 * Math.sqrt(Math.max(0, 1 - ((v - 0.5) / 0.46) ** 2));
  return Math.abs(u - 0.5) <= half;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** On the tick, in unit coordinates. */
function inTick(u: number, v: number): boolean {
  const w = 0.055;
  return distanceToSegment(u, v, 0.3, 0.5, 0.45, 0.66) <= w || distanceToSegment(u, v, 0.45, 0.66, 0.72, 0.34) <= w;
}

type Paint = (u: number, v: number) => [number, number, number, number];

/** Renders `paint` over a square of `size` pixels, the symbol in the central `symbol` pixels, 4×4 supersampled. */
function draw(size: number, symbol: number, paint: Paint): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const margin = (size - symbol) / 2;
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples - margin) / symbol;
          const v = (y + (sy + 0.5) / samples - margin) / symbol;
          const [r, g, b, a] = paint(u, v);
          acc[0]! += r * a;
          acc[1]! += g * a;
          acc[2]! += b * a;
          acc[3]! += a;
        }
      }
      const i = (y * size + x) * 4;
      const alpha = acc[3]! / (samples * samples);
      pixels[i] = acc[3]! > 0 ? Math.round(acc[0]! / acc[3]!) : 0;
      pixels[i + 1] = acc[3]! > 0 ? Math.round(acc[1]! / acc[3]!) : 0;
      pixels[i + 2] = acc[3]! > 0 ? Math.round(acc[2]! / acc[3]!) : 0;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, pixels };
}

/** The 192×192 full-colour icon. */
export function colorIcon(): RgbaImage {
  const [r, g, b] = rgb(ACCENT);
  return draw(192, 120, (u, v) => (inShield(u, v) && !inTick(u, v) ? [255, 255, 255, 1] : [r, g, b, 1]));
}

/** The 32×32 outline icon: white and transparent only. */
export function outlineIcon(): RgbaImage {
  return draw(32, 30, (u, v) => (inShield(u, v) && !inTick(u, v) ? [255, 255, 255, 1] : [255, 255, 255, 0]));
}
