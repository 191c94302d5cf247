/**
 * The public contract of the pure language service. It imports no LSP wiring and no `vscode`:
 * documents, positions and results are the plain LSP data types.
 */
import type { ParseLimits } from './limits';

import type { Range } from 'vscode-languageserver-types';

export type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
export type { TextDocument } from 'vscode-languageserver-textdocument';

/** `source` of every diagnostic the service reports. */
export const DIAGNOSTIC_SOURCE = 'pingone';

export interface ServiceOptions {
  /** Documents beyond these limits are not checked in full; the person is told so. */
  limits?: Partial<ParseLimits>;
  /**
   * Offer whole-document provider templates in an empty file. Clients that contribute the same
   * templates as snippets turn this off (initializationOptions), so they are not offered twice.
   */
  templateCompletions?: boolean;
  /** The client accepts snippet syntax in completion items (Neovim 0.7 does not). */
  snippetSupport?: boolean;
  /** The client renders markdown in hover and completion documentation. */
  markdown?: boolean;
  /**
   * A client command that moves a literal secret into the client's secret storage and puts the
   * `{{placeholder}}` in its place (the VS Code extension's `pingone.setSecretVariable`). With it,
   * the quick fix of a literal secret offers that move; without it, only the replacement, saying
   * that the value is not kept. Its arguments: the placeholder name, then a `SecretMove`.
   */
  secretStorageCommand?: string;
}

/**
 * Where the literal secret is, for the client command that moves it (`secretStorageCommand`). The
 * value itself is not sent: the client reads it from its own copy of the document, at `range` of
 * `version`, and refuses when the document changed since. `literal` says how to read it: a whole
 * JSON string token (quotes included), or characters inside one (a url or body parameter).
 */
export interface SecretMove {
  uri: string;
  version: number;
  range: Range;
  literal: 'json-string' | 'json-string-content';
  /** The text that replaces `range` once the value is stored. */
  replacement: string;
}

/** What a diagnostic carries in `data` so that a quick fix can be computed from it alone. */
export type FixData =
  | { fix: 'add-properties'; path: (string | number)[]; properties: string[] }
  | { fix: 'replace-value'; path: (string | number)[]; candidates: string[] }
  | { fix: 'rename-message-type'; path: (string | number)[] }
  | { fix: 'remove-property'; path: (string | number)[] }
  | {
      fix: 'use-placeholder';
      path: (string | number)[];
      placeholder: string;
      /** for url/body parameters: the parameter value's offsets in the decoded string */ span?: [number, number];
    }
  | { fix: 'normalize-number'; path: (string | number)[]; value: string }
  /** A header for the request at `path`, with one action per value (the first preferred). */
  | { fix: 'add-header'; path: (string | number)[]; header: string; values: string[] };
