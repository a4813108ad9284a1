/**
 * How a store keeps a JSON data column: sealed (encrypted, see cipher.ts) or as it is. A sealed
 * value is stored as a JSON string ("enc:…") so the columns' json_valid checks still hold.
 */

/** Seals data before it is written and opens it when read. */
export interface DataSeal {
  /** The JSON text to store for `json`. */
  seal(json: string): string;
  /** The JSON text a stored value holds. */
  open(stored: string): string;
}

/** No encryption (tests of the stores alone, and the in-memory fallback). */
export const PLAIN_DATA: DataSeal = { seal: (json) => json, open: (stored) => stored };
