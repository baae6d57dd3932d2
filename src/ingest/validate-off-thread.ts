/**
 * Validation that never holds the server's event loop: a text over OFF_THREAD_BYTES is parsed and
 * validated in a worker thread (parsing 5 MB of YAML takes seconds), a smaller one right away.
 * Bounded: a few workers, a short queue, and a worker that runs out of time or memory is
 * terminated (the next text gets a new one), its text failing with TOO_COSTLY_TO_PARSE.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CODE_ROOT, runsCompiled } from '../build-state.ts';
import { UserError } from '../model/errors.ts';
import { formatPath, type Locate, type ValidationIssue } from './issues.ts';
import { documentReferences } from './references.ts';
import { type ValidationResult, validateArticleText } from './validate.ts';

/** Texts larger than this are validated in a worker: about 10 ms of parsing. */
export const OFF_THREAD_BYTES = 32 * 1024;

export interface ValidatorOptions {
  /** Worker threads at most (each started when first needed). */
  workers?: number;
  /** Texts waiting for a worker at most; more are refused with SERVER_BUSY. */
  queue?: number;
  /** How long one text may take. */
  timeoutMs?: number;
  /** The heap of a worker, in MB. */
  memoryMb?: number;
}

export interface Validator {
  validate(text: string, file: string): Promise<ValidationResult>;
  close(): Promise<void>;
}

/** A validation result as it crosses threads: positions instead of a `locate` function. */
export type PortableResult =
  | (Omit<Extract<ValidationResult, { ok: true }>, 'locate'> & {
      positions: [string, { line: number; column: number }][];
    })
  | Extract<ValidationResult, { ok: false }>;

/**
 * In the worker: the result, with the positions of every path the graph's checks may report
 * (ids, types, references), found while the document is at hand.
 */
export function portable(result: ValidationResult): PortableResult {
  if (!result.ok) return result;
  const { article, references, locate } = result;
  const paths = [
    ['article', 'id'],
    ...article.entities.flatMap((_, i) => [
      ['entities', i],
      ['entities', i, 'id'],
      ['entities', i, 'type'],
    ]),
    ...article.claims.map((_, i) => ['claims', i, 'id']),
    ...documentReferences(article).map((r) => r.path),
  ];
  const positions = paths.flatMap((path) => {
    const at = locate(path);
    return at ? [[formatPath(path), at] as [string, typeof at]] : [];
  });
  return { ok: true, article, references, positions };
}

function fromPortable(result: PortableResult): ValidationResult {
  if (!result.ok) return result;
  const { positions, ...rest } = result;
  const at = new Map(positions);
  const locate: Locate = (path) => at.get(formatPath(path));
  return { ...rest, locate };
}

interface Job {
  text: string;
  file: string;
  done: (result: ValidationResult) => void;
}

/**
 * The bootstrap of a worker: compiled, the worker's own .js; from the sources, TypeScript through
 * tsx, as bin/kg.js does, however we were started.
 */
const bootstrap = (entry: string) =>
  entry.endsWith('.js')
    ? `import(${JSON.stringify(entry)});`
    : `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})` +
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;

export function offThreadValidator({
  workers = 1,
  queue = 16,
  timeoutMs = 30_000,
  memoryMb = 512,
}: ValidatorOptions = {}): Validator {
  // validate-worker.ts beside the sources, .js in the build.
  const worker = `validate-worker${runsCompiled ? '.js' : '.ts'}`;
  const entry = pathToFileURL(join(CODE_ROOT, 'ingest', worker)).href;
  const idle: Worker[] = [];
  let running = 0;
  const waiting: Job[] = [];

  const start = (): Worker => {
    const worker = new Worker(bootstrap(entry), {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    worker.unref();
    // An idle worker that ends is forgotten (a busy one fails its job, below).
    worker.on('error', () => {});
    worker.on('exit', () => {
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
    });
    return worker;
  };

  const run = (job: Job) => {
    running++;
    const worker = idle.pop() ?? start();
    const finish = (result: ValidationResult, keep: boolean) => {
      clearTimeout(timer);
      worker.off('message', answered).off('error', failed).off('exit', stopped);
      if (keep) idle.push(worker);
      else void worker.terminate();
      running--;
      job.done(result);
      const next = waiting.shift();
      if (next) run(next);
    };
    const fail = (message: string) => {
      const issue: ValidationIssue = {
        file: job.file,
        path: '(file)',
        message,
        code: 'TOO_COSTLY_TO_PARSE',
      };
      finish({ ok: false, errors: [issue] }, false);
    };
    const answered = (result: PortableResult) => finish(fromPortable(result), true);
    const failed = (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the document needed more than ${memoryMb} MB to parse and check`
          : `the document could not be parsed: ${error.message}`,
      );
    const stopped = () => fail('the document could not be parsed: the parser stopped');
    const timer = setTimeout(
      () => fail(`the document took more than ${timeoutMs / 1000} s to parse and check`),
      timeoutMs,
    );
    worker.once('message', answered).once('error', failed).once('exit', stopped);
    worker.postMessage({ text: job.text, file: job.file });
  };

  return {
    validate(text, file) {
      if (Buffer.byteLength(text) <= OFF_THREAD_BYTES) {
        return Promise.resolve(validateArticleText(text, file));
      }
      if (running >= workers && waiting.length >= queue) {
        const message =
          'The server is parsing as many large documents as it can: try again in a moment.';
        return Promise.reject(new UserError(message, 'SERVER_BUSY'));
      }
      return new Promise((done) => {
        const job = { text, file, done };
        if (running < workers) run(job);
        else waiting.push(job);
      });
    },
    async close() {
      await Promise.all(idle.splice(0).map((worker) => worker.terminate()));
    },
  };
}
