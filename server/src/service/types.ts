/**
 * The public contract of the pure language service. It imports no LSP wiring and no `vscode`:
 * documents, positions and results are the plain LSP data types.
 */
import type { ParseLimits } from './limits';

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
  | { fix: 'normalize-number'; path: (string | number)[]; value: string };
