/** One signed POST to a webhook. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * The network side effect of notification delivery, behind a provider (STYLE) so a test or another
 * deployment can swap it. Answers the HTTP status; throws on a network error or timeout.
 */
export abstract class WebhookTransport {
  abstract post(request: WebhookRequest): Promise<{ status: number }>;
}

/** Node 20's fetch. Redirects are not followed: a 3xx is a failed attempt, so delivery goes only where configured. */
export class FetchWebhookTransport extends WebhookTransport {
  async post(request: WebhookRequest): Promise<{ status: number }> {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    // The answer's body is not needed; drop it so the connection is freed.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }
}
