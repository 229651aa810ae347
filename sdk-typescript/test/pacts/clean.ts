import { rmSync } from 'node:fs';
import { PACT_DIR } from './contract.js';

export default function clean(): void {
  rmSync(PACT_DIR, { recursive: true, force: true });
}
