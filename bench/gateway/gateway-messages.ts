/** What the gateway suite's mirror process (mirror-host.ts) sends its parent. */
export type FromMirrorHost =
  | {
      readonly type: 'measured';
      /** From the start of the projection (or the load) to ready. */
      readonly readyMs: number;
      /** After two full garbage collections. */
      readonly heapUsed: number;
      readonly rss: number;
      readonly declarations: number;
      readonly buckets: number;
      /** The checkpoint it holds. */
      readonly position: number;
    }
  | { readonly type: 'failed'; readonly message: string };
