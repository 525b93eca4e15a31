// The two runtime globals the examples use, declared for the repository's Node-only type check (in Deno and
// Bun their own types apply).
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { hostname: string; port: number; onListen(address: { hostname: string; port: number }): void }, handler: (request: Request) => Promise<Response>): unknown;
};
declare const Bun: {
  serve(options: { hostname: string; port: number; fetch(request: Request): Promise<Response> }): { port: number };
};
