// On Debian as root (a fresh CI machine, a container), the demo and the end-to-end tests install
// the system packages they lack themselves, so `npm run demo` and `npm test` need no other set-up.
// Elsewhere nothing is installed: the caller names what is missing and how to install it.
// AUDIT_LENS_NO_APT=1 turns this off.
import { spawnSync } from 'node:child_process';
import { findOnPath } from '../support/commands.mjs';

/** Debian package for each program the e2e scripts run. */
const PACKAGES = { chromium: 'chromium', rg: 'ripgrep', python3: 'python3', make: 'make', 'g++': 'g++' };

/**
 * Installs the Debian packages for the given programs that are not on PATH, when this process may
 * (root, apt-get present, not turned off). Returns what it installed; never throws.
 */
export function installMissingDebianPackages(programs, log = (line) => console.log(line)) {
  const missing = programs.filter((program) => !findOnPath(program)).map((program) => PACKAGES[program] ?? program);
  if (missing.length === 0) return [];
  const may = process.platform === 'linux' && process.getuid?.() === 0 && findOnPath('apt-get') && process.env.AUDIT_LENS_NO_APT !== '1';
  if (!may) return [];
  log(`Installing with apt-get: ${missing.join(' ')} (AUDIT_LENS_NO_APT=1 turns this off)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return [];
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return install.status === 0 ? missing : [];
}
