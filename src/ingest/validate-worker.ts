/**
 * The worker thread of `validate-off-thread.ts`: validates one text at a time and answers with
 * the result in a form that crosses threads (no functions).
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { portable } from './validate-off-thread.ts';
import { validateArticleText } from './validate.ts';

// Below the server's own thread, where the OS allows it (on Linux, a thread has its own priority):
// answering requests comes first.
try {
  setPriority(0, 10);
} catch {
  // Not allowed here: the same priority, then.
}

parentPort?.on('message', ({ text, file }: { text: string; file: string }) => {
  parentPort?.postMessage(portable(validateArticleText(text, file)));
});
