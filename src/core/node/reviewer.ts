/**
 * Who is reviewing, for the `by` field of review sidecar lines: git's `user.name` (as set for
 * the dataset's folder), else the operating-system user. Never throws; may be empty.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export function reviewerName(cwd?: string): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name) return name.slice(0, 200);
  } catch {
    // No git, or no user.name set.
  }
  try {
    return userInfo().username.slice(0, 200);
  } catch {
    return '';
  }
}
