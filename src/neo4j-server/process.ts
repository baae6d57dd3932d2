import fs from 'node:fs';

/**
 * Whether a process runs. A process that has exited but not been reaped (a zombie, which happens to
 * a detached server whose parent is gone, under an init that does not reap) counts as gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // No /proc (macOS): the signal check is all there is.
  }
}
