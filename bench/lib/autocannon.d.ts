// Minimal typings for the parts of autocannon's programmatic API the benchmarks use
// (the package ships none and @types/autocannon is not a dependency).
declare module 'autocannon' {
  export type Percentiles = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    [k: string]: number;
  };

  export type Options = {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    title?: string;
    /** Per-request set-up (autocannon calls setupRequest before each request of a connection). */
    requests?: RequestSpec[];
  };

  export type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  export type RequestSpec = RequestParams & {
    setupRequest?: (req: RequestParams, context: Record<string, unknown>) => RequestParams;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };

  export type Result = {
    title?: string;
    url: string;
    connections: number;
    pipelining: number;
    duration: number;
    start: Date;
    finish: Date;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Percentiles;
    requests: Percentiles & { sent: number };
    throughput: Percentiles;
  };

  type Instance = Promise<Result> & { stop(): void };

  function autocannon(opts: Options): Instance;
  export default autocannon;
}
