// Attack: lock the newsroom out with wrong passwords. An attacker hammers `ed`'s name and sprays
// guesses at other names, all from the address every editor shares behind the newsroom's proxy,
// and (second attack) claims a new address for every guess with X-Forwarded-For, which nobody
// configured as trusted. Wrong passwords only slow down the name and the address they came
// from, by growing delays: ed and his colleagues, on computers they signed in on before (device
// tokens), get in at once with the right password; a new computer gets in or waits at most the
// address's cap (60 s); the attacker gets a handful of verdicts on ed and then one per wait.
import { afterEach, describe, expect, it } from 'vitest';
import { HonestTraffic } from './support/honest-traffic.ts';
import { HOSTILE_PASSWORD, startHostileServer, type HostileServer, type HostileUser } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
afterEach(async () => {
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

type Attempt = { status: number; retryAfter: number; ms: number; deviceToken?: string };

async function signIn(s: HostileServer, username: string, password: string, extra: { device?: string; headers?: Record<string, string> } = {}): Promise<Attempt> {
  const start = performance.now();
  const response = await s.api('/api/session', { method: 'POST', json: { username, password, device: extra.device }, headers: extra.headers });
  const body = (await response.json()) as { deviceToken?: string };
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after') ?? 0), ms: performance.now() - start, deviceToken: body.deviceToken };
}

/** Signs `username` in once, as on the computer they always use: that computer's device token. */
async function knownDevice(s: HostileServer, username: HostileUser): Promise<string> {
  const first = await signIn(s, username, HOSTILE_PASSWORD);
  expect(first.status).toBe(200);
  return first.deviceToken!;
}

/** Runs `attempt` in `lanes` parallel loops for `ms`; counts the answers by status. */
async function hammer(ms: number, lanes: number, attempt: (n: number) => Promise<Attempt>): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const until = Date.now() + ms;
  let n = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (Date.now() < until) {
        const { status } = await attempt(n++);
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
    }),
  );
  return counts;
}

describe('lockout as a weapon', () => {
  it('wrong passwords for ed and sprayed from the shared proxy address keep neither ed nor his colleagues out', async () => {
    const s = (server = await startHostileServer());
    const ana = await s.token('ana');
    const id = await s.createArticle(ana);
    const devices = { ed: await knownDevice(s, 'ed'), vic: await knownDevice(s, 'vic') };
    const rssBefore = s.rss();
    const peak = s.sampleRss();
    traffic = await HonestTraffic.start(s.wsUrl, id, ana, await s.token('ben'));

    // Four seconds of guesses at ed and, meanwhile, 30 wrong tries at other names, all from the one shared address.
    const spray = async () => {
      const counts = new Map<number, number>();
      for (let n = 0; n < 30; n++) {
        const { status } = await signIn(s, `user${n}`, 'wrong password');
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      return counts;
    };
    const [onEd, sprayed] = await Promise.all([hammer(4000, 2, () => signIn(s, 'ed', `guess-${Math.random()}`)), spray()]);
    const edIn = await signIn(s, 'ed', HOSTILE_PASSWORD, { device: devices.ed });
    const vicIn = await signIn(s, 'vic', HOSTILE_PASSWORD, { device: devices.vic });
    const newComputer = await signIn(s, 'mallory', HOSTILE_PASSWORD);
    const edNewComputer = await signIn(s, 'ed', HOSTILE_PASSWORD);

    const delivery = await traffic.stop();
    const edVerdicts = onEd.get(401) ?? 0;
    reportAttack({
      attack: 'lockout as a weapon (shared proxy address)',
      rssBefore,
      rssPeak: peak(),
      rssAfter: s.rss(),
      delivery,
      note:
        `ed hammered: ${edVerdicts} verdicts of ${[...onEd.values()].reduce((a, b) => a + b, 0)} attempts in 4 s; sprayed: ${sprayed.get(401) ?? 0} verdicts of ${[...sprayed.values()].reduce((a, b) => a + b, 0)}; ` +
        `ed's computer in ${edIn.ms.toFixed(0)} ms (${edIn.status}), vic's ${vicIn.status}; ` +
        `a new computer: ${newComputer.status === 200 ? 'in at once' : `waits ${newComputer.retryAfter} s`}, ed on a new computer waits ${edNewComputer.retryAfter} s`,
    });

    // The owners, on their computers: in at once.
    expect(edIn.status).toBe(200);
    expect(vicIn.status).toBe(200);
    // A new computer behind the same address gets in, or waits a minute at most: no lockout.
    expect(newComputer.status === 200 || (newComputer.status === 429 && newComputer.retryAfter <= 60), JSON.stringify(newComputer)).toBe(true);
    // ed's own name is slowed down for new computers: seconds growing to at most 5 minutes.
    expect(edNewComputer.status).toBe(429);
    expect(edNewComputer.retryAfter).toBeLessThanOrEqual(5 * 60);
    // The attacker learned little: the free guesses and a few more as the waits allowed.
    expect(edVerdicts).toBeLessThanOrEqual(10);
    expect(s.logLines('failed attempts in a row for username ed').length).toBeGreaterThan(0);
    expect(delivery.delivered).toBe(delivery.keystrokes);
    expect(await traffic.storedKeystrokes(s.wsUrl, id, ana)).toBe(delivery.keystrokes);
  });

  it('an X-Forwarded-For of the attacker’s choosing changes nothing without a trusted proxy', async () => {
    const s = (server = await startHostileServer());
    const ana = await s.token('ana');
    const id = await s.createArticle(ana);
    const device = await knownDevice(s, 'ed');
    const rssBefore = s.rss();
    const peak = s.sampleRss();
    traffic = await HonestTraffic.start(s.wsUrl, id, ana, await s.token('ben'));

    const spoofed = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n % 250}, 203.0.113.${n % 250}` });
    // 40 guesses, each claiming another address.
    const counts = new Map<number, number>();
    for (let n = 0; n < 40; n++) {
      const { status } = await signIn(s, `user${n}`, 'wrong password', { headers: spoofed(n) });
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    const fresh = await signIn(s, 'ana', HOSTILE_PASSWORD, { headers: spoofed(9999) });
    const edIn = await signIn(s, 'ed', HOSTILE_PASSWORD, { device, headers: spoofed(12345) });
    const delivery = await traffic.stop();
    const verdicts = counts.get(401) ?? 0;
    reportAttack({
      attack: 'X-Forwarded-For spoofing without a trusted proxy',
      rssBefore,
      rssPeak: peak(),
      rssAfter: s.rss(),
      delivery,
      note: `${verdicts} verdicts of 40 spoofed attempts; the next new computer (yet another claimed address) waits ${fresh.retryAfter} s; ed's computer ${edIn.status}`,
    });

    // Each spoofed guess was counted against the real address: after its 30 free ones, it waits.
    expect(verdicts).toBeGreaterThanOrEqual(31);
    expect(verdicts).toBeLessThanOrEqual(33);
    expect(fresh.status).toBe(429);
    expect(edIn.status).toBe(200);
    expect(delivery.delivered).toBe(delivery.keystrokes);
  });
});
