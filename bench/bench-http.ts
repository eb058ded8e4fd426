export interface BenchAnswer {
  status: number;
  json: Record<string, unknown>;
}

/** A request through the gateway with a bearer token; the body parsed as JSON when it is (else {text}). */
export async function benchRequest(url: string, token: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<BenchAnswer> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, json: { text } };
  }
}
