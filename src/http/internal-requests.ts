/**
 * Requests the server sends itself, in-process (its warm-up at start): no client can make one,
 * since a Request object's identity never crosses HTTP. They need no key, and are neither counted,
 * logged nor rate limited as a client's would be; everything else treats them as any request.
 */
const internal = new WeakSet<Request>();

export function internalRequest(url: string, init: RequestInit): Request {
  const request = new Request(url, init);
  internal.add(request);
  return request;
}

export const isInternal = (request: Request | undefined): boolean =>
  request !== undefined && internal.has(request);
