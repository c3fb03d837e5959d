/** The web app's document store: the one it was given, or files under its state directory (as the workers' default). */
import type { DocumentStore } from '../storage/document-store';
import { fileDocumentStore } from '../storage/document-store-files';
import type { WebDeps } from './deps';

export function documentStoreOf(deps: Pick<WebDeps, 'documentStore' | 'varDir'>): DocumentStore {
  return deps.documentStore ?? fileDocumentStore(deps.varDir);
}
