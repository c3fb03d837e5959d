/**
 * The programs the stack runs: Temporal's server and SQL tool, the Web UI server (all from
 * scripts/lib/stack-binaries.ts: an environment variable, else the build cache), and the Node the
 * workers and web app run on: Node 24 when prepared, else this process's Node with a warning.
 */
import { findNode, findTemporalServer, findTemporalSqlTool, findTemporalUi, StackBinaryMissingError } from '../stack-binaries';

export interface StackTools {
  temporalServer: string;
  sqlTool: string;
  ui: string;
  /** The Node for workers and the web app. */
  node: string;
  /** Set when `node` is not the Node the stack is meant to run on. */
  nodeWarning?: string;
}

/** Throws StackBinaryMissingError (naming the variable and `npm run stack:prepare`) for a missing program. */
export function findStackTools(env: NodeJS.ProcessEnv = process.env): StackTools {
  const tools = { temporalServer: findTemporalServer(env), sqlTool: findTemporalSqlTool(env), ui: findTemporalUi(env) };
  try {
    return { ...tools, node: findNode(24, env) };
  } catch (err) {
    if (!(err instanceof StackBinaryMissingError)) throw err;
    return {
      ...tools,
      node: process.execPath,
      nodeWarning: `workers and the web app run on this process's Node (${process.version}), not Node 24: ${err.message}`,
    };
  }
}
