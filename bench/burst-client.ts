/**
 * The load generator of the Slack burst benchmark, run in a worker thread so that its event loop
 * is neither the server's nor the fake Slack API's: sends every signed request at once and reports
 * when each was sent and how long SafeStep took to acknowledge it (epoch milliseconds, high
 * resolution, comparable across threads).
 */
import { parentPort, workerData } from 'node:worker_threads';

interface Job {
  url: string;
  requests: { dm: string; body: string; headers: Record<string, string> }[];
}

const now = () => performance.timeOrigin + performance.now();

async function run(job: Job): Promise<{ dm: string; sentAt: number; ackMs: number; status: number }[]> {
  return Promise.all(
    job.requests.map(async (r) => {
      const sentAt = now();
      const res = await fetch(job.url, { method: 'POST', headers: r.headers, body: r.body });
      await res.arrayBuffer();
      return { dm: r.dm, sentAt, ackMs: now() - sentAt, status: res.status };
    }),
  );
}

void run(workerData as Job).then((results) => parentPort?.postMessage(results));
