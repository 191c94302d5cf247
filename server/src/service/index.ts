/**
 * The phone delivery settings language service: pure functions over a text document and its
 * parse. The LSP server (`server/src/server.ts`) and the CLI are thin front ends over this.
 */
import { DEFAULT_LIMITS } from './limits';
import { parseDocument, type ParsedDocument } from './parse';
import { validate } from './validate';
import { patchParse, type TextChange } from './incremental';
import { complete } from './complete';
import { hover } from './hover';
import { codeActions } from './codeActions';
import { format, foldingRanges, documentSymbols } from './structure';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Position,
  Range,
  ServiceOptions,
  TextDocument,
  TextEdit,
} from './types';

export type { ParsedDocument } from './parse';
export type { TextChange } from './incremental';
export * from './types';

export interface PhoneDeliveryService {
  readonly options: Required<Pick<ServiceOptions, 'templateCompletions' | 'snippetSupport' | 'markdown'>> & ServiceOptions;
  parse(document: TextDocument): ParsedDocument;
  /**
   * The parse of `document` from the parse of its previous version and the changes between them:
   * patched in place when every change stays inside one value token, else parsed in full. The
   * previous parse must not be used afterwards.
   */
  reparse(previous: ParsedDocument, changes: readonly TextChange[], document: TextDocument): ParsedDocument;
  validate(document: TextDocument, parsed: ParsedDocument): Diagnostic[];
  complete(document: TextDocument, position: Position, parsed: ParsedDocument): CompletionList;
  hover(document: TextDocument, position: Position, parsed: ParsedDocument): Hover | null;
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[], parsed: ParsedDocument): CodeAction[];
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  foldingRanges(document: TextDocument, parsed: ParsedDocument): FoldingRange[];
  documentSymbols(document: TextDocument, parsed: ParsedDocument): DocumentSymbol[];
}

export function createPhoneDeliveryService(options: ServiceOptions = {}): PhoneDeliveryService {
  const opts = { templateCompletions: true, snippetSupport: true, markdown: true, ...options };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  return {
    options: opts,
    parse: (document) => parseDocument(document.getText(), limits),
    reparse: (previous, changes, document) => {
      const text = document.getText();
      return text.length <= limits.maxSize && patchParse(previous, changes, text) ? previous : parseDocument(text, limits);
    },
    validate: (document, parsed) => validate(document, parsed),
    complete: (document, position, parsed) => complete(document, position, parsed, opts),
    hover: (document, position, parsed) => hover(document, position, parsed, opts),
    codeActions: (document, range, diagnostics, parsed) => codeActions(document, range, diagnostics, parsed, opts),
    format: (document, range, formatting) => format(document, range, formatting),
    foldingRanges: (document, parsed) => foldingRanges(document, parsed),
    documentSymbols: (document, parsed) => documentSymbols(document, parsed),
  };
}
