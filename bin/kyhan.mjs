#!/usr/bin/env node
// The `kyhan` executable: the CLI is TypeScript run without a build step, so register tsx's
// loader first, then load the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../cli/cli.ts');
