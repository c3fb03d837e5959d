/**
 * The documents as files under the state directory (the embedded default, one machine): a key
 * is a path below it. Writes go through a temporary file in the same folder and a rename, so a
 * reader — or an activity retried after a crash — sees the old file or the new one, never half
 * of one. Reports are for the people of the plan: only the kyhan user reads them (folders 0700,
 * files 0600). A read follows a key only to a file inside the state directory once symbolic
 * links are followed: a link planted in it that leads elsewhere reads as nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, realpathSync } from 'node:fs';
import { chmod, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  checkKey,
  contentChunks,
  DocumentChangedError,
  listPrefix,
  resolveReference,
  type DocumentContent,
  type DocumentInfo,
  type DocumentStore,
  type OpenedDocument,
  type PutOptions,
  type PutResult,
} from './document-store';

export interface FileDocumentStore extends DocumentStore {
  /** The state directory the keys are below. */
  readonly root: string;
  /** Where a key's file is (for tools that need a path, e.g. LibreOffice); never recorded anywhere. */
  pathOf(key: string): string;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export function fileDocumentStore(stateDir: string): FileDocumentStore {
  const root = resolve(stateDir);

  function pathOf(key: string): string {
    return join(root, ...checkKey(key).split('/'));
  }

  /** Whether `path` lies inside `dir`, by the text of both. */
  function lies(dir: string, path: string): boolean {
    const inside = relative(dir, path);
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
  }

  /**
   * The file of a key, if it is inside the state directory once symbolic links are followed (the
   * state directory itself may sit behind a link, e.g. /tmp on macOS); a key with no file yet
   * gives its path as written (reading it then finds nothing). Undefined for a link out.
   */
  function readablePath(key: string): string | undefined {
    const path = pathOf(key);
    let real: string;
    try {
      real = realpathSync(path);
    } catch (err) {
      return isMissing(err) ? path : undefined;
    }
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      return undefined;
    }
    return lies(realRoot, real) ? real : undefined;
  }

  let incoming = 0;

  async function put(key: string, content: DocumentContent, options: PutOptions = {}): Promise<PutResult> {
    const path = pathOf(key);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (options.ifAbsent) {
      const existing = await stat(path).catch(() => undefined);
      if (existing?.isFile()) return { key, size: existing.size, sha256: await sha256OfFile(path), written: false };
    }
    // pid, a counter and a UUID: two writes in one millisecond, of one process or two, never share it.
    const temporary = join(dir, `.incoming-${process.pid}-${++incoming}-${randomUUID()}`);
    try {
      const hash = createHash('sha256');
      let size = 0;
      const counted = async function* () {
        for await (const chunk of contentChunks(content)) {
          hash.update(chunk);
          size += chunk.byteLength;
          yield chunk;
        }
      };
      await pipeline(counted, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
      await chmod(temporary, 0o600); // the umask may have taken bits away; never more than 0600
      const sha256 = hash.digest('hex');
      if (options.expectSha256 !== undefined && options.expectSha256 !== sha256) throw new DocumentChangedError(key, options.expectSha256, sha256);
      if (options.ifAbsent) {
        // A hard link is created only if nothing has the name yet: of writers at once, one wins.
        const won = await link(temporary, path).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'EEXIST') return false;
            throw err;
          },
        );
        await rm(temporary, { force: true });
        if (won) return { key, size, sha256, written: true };
        const existing = await stat(path);
        return { key, size: existing.size, sha256: await sha256OfFile(path), written: false };
      }
      await rename(temporary, path);
      return { key, size, sha256, written: true };
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }

  async function get(key: string): Promise<Buffer | undefined> {
    const path = readablePath(key);
    if (!path) return undefined;
    try {
      return await readFile(path);
    } catch (err) {
      if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw err;
    }
  }

  async function openDocument(key: string): Promise<OpenedDocument | undefined> {
    const path = readablePath(key);
    if (!path) return undefined;
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      return undefined;
    }
    // The stream owns the handle: it is closed when the stream ends or is destroyed.
    return { size: info.size, stream: handle.createReadStream() };
  }

  async function statDocument(key: string): Promise<DocumentInfo | undefined> {
    const path = readablePath(key);
    const info = path ? await stat(path).catch(() => undefined) : undefined;
    if (!path || !info?.isFile()) return undefined;
    return { key, size: info.size, sha256: await sha256OfFile(path) };
  }

  async function has(key: string): Promise<boolean> {
    const path = readablePath(key);
    return path !== undefined && ((await stat(path).catch(() => undefined))?.isFile() ?? false);
  }

  async function list(prefix: string): Promise<string[]> {
    const folder = listPrefix(prefix);
    const keys: string[] = [];
    async function walk(dir: string, keyPrefix: string): Promise<void> {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if (isMissing(err)) return;
        throw err;
      }
      for (const entry of entries) {
        // Temporary files of writes under way, and anything hidden, are not documents.
        if (entry.name.startsWith('.')) continue;
        if (entry.isDirectory()) await walk(join(dir, entry.name), `${keyPrefix}${entry.name}/`);
        else if (entry.isFile()) keys.push(`${keyPrefix}${entry.name}`);
      }
    }
    await walk(folder === '' ? root : join(root, ...checkKey(folder.slice(0, -1)).split('/')), folder);
    return keys.sort();
  }

  async function remove(key: string): Promise<void> {
    await rm(pathOf(key), { force: true });
  }

  function keyOf(reference: string, folder: string, options: { childOnly?: boolean } = {}): string | undefined {
    const key = resolveReference(reference, folder, options.childOnly);
    if (key === undefined) return undefined;
    // Also as it really is on disk: a link in the folder that leads out of it is refused.
    const path = readablePath(key);
    if (!path) return undefined;
    if (path === pathOf(key)) return key;
    let realFolder: string;
    try {
      realFolder = realpathSync(join(root, ...folder.split('/')));
    } catch {
      return undefined;
    }
    const inside = relative(realFolder, path);
    return lies(realFolder, path) && !(options.childOnly && inside.includes(sep)) ? key : undefined;
  }

  return {
    description: `files (${root})`,
    root,
    pathOf,
    put,
    get,
    open: openDocument,
    stat: statDocument,
    has,
    list,
    delete: remove,
    keyOf,
    close: async () => {},
  };
}
