// filtrex 3 exports only compileExpression; its jison parser ships untyped in dist/esnext.
declare module 'filtrex/dist/esnext/parser.mjs' {
  export interface FiltrexParserHooks {
    buildString(quote: string, literal: string): string;
    reduceRelation(parts: unknown[]): unknown;
  }

  export class Parser {
    yy: FiltrexParserHooks;
    /** Returns filtrex's semantic-value tree: nested arrays of JS code fragments and token values. */
    parse(expression: string): unknown;
  }
}
