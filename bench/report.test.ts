import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withoutDistDirEntries } from "./build";
import { formatLoads, formatNumber, formatRatio, replaceBetween, table } from "./markdown";
import { renderReport } from "./report";
import { benchReport as report, MIB, ORDERS, PROFILE, sample } from "./report-fixtures";
import {
  judgeBoundedRun,
  judgeLoad,
  judgeMemory,
  judgePageJs,
  judgeStorm,
  judgeTokenRequests,
} from "./verdicts";

describe("judgeLoad", () => {
  const health = sample("/api/health", 2000);

  it("reports each route as a ratio of the trivial route and checks its target", () => {
    const [base, token, api] = judgeLoad(health, [
      { sample: sample("/auth/access-token", 1900), target: 0.9 },
      { sample: sample("/api/profile/me", 1500), target: 0.8 },
    ]);
    assert.equal(base?.verdict, "baseline");
    assert.equal(token?.ratio, 0.95);
    assert.equal(token?.verdict, "PASS");
    assert.equal(api?.ratio, 0.75);
    assert.equal(api?.verdict, "MISS");
  });

  it("judges the median of the rounds' ratios, each round against the same round's baseline", () => {
    // One slow round of the trivial route: overall the route is at 0.77×, round by round at
    // 0.95× twice, so the median passes where the overall ratio would not.
    const slowRound = sample("/api/health", 1667, 0, [2000, 2000, 1000]);
    const [, token] = judgeLoad(slowRound, [
      { sample: sample("/auth/access-token", 1283, 0, [1900, 1000, 950]), target: 0.9 },
    ]);
    assert.deepEqual(token?.roundRatios, [0.95, 0.5, 0.95]);
    assert.equal(token?.ratio, 0.95);
    assert.equal(token?.verdict, "PASS");
    const [, slow] = judgeLoad(slowRound, [
      { sample: sample("/auth/access-token", 1283, 0, [1900, 1000, 500]), target: 0.9 },
    ]);
    assert.equal(slow?.ratio, 0.5);
    assert.equal(slow?.verdict, "MISS");
  });

  it("gives a route without a target as a figure, and refuses rounds that do not match", () => {
    const [, page] = judgeLoad(health, [{ sample: sample("/", 300) }]);
    assert.deepEqual([page?.ratio, page?.target, page?.verdict], [0.15, undefined, "baseline"]);
    const [, failing] = judgeLoad(health, [{ sample: sample("/", 300, 5) }]);
    assert.equal(failing?.verdict, "MISS");
    assert.throws(() => judgeLoad(health, [{ sample: sample("/", 300, 0, [300]) }]));
  });

  it("fails a fast route whose requests failed", () => {
    const [, token] = judgeLoad(health, [
      { sample: sample("/auth/access-token", 5000, 12), target: 0.9 },
    ]);
    assert.equal(token?.verdict, "MISS");
  });
});

describe("judgeBoundedRun", () => {
  it("passes only when every request was answered 2xx", () => {
    const run = { ...sample("/auth/access-token", 900), peakRssBytes: 200 * MIB };
    assert.equal(judgeBoundedRun(run).verdict, "PASS");
    assert.equal(judgeBoundedRun({ ...run, errors: 1 }).verdict, "MISS");
    assert.equal(judgeBoundedRun({ ...run, non2xx: 3 }).verdict, "MISS");
  });
});

describe("judgeMemory", () => {
  it("allows 30 MiB above a small rest, 25 % above a large one", () => {
    const small = judgeMemory({
      restBytes: 100 * MIB,
      peakBytes: 180 * MIB,
      afterBytes: 130 * MIB,
    });
    assert.deepEqual([small.allowedAfterBytes, small.verdict], [130 * MIB, "PASS"]);
    const large = judgeMemory({
      restBytes: 200 * MIB,
      peakBytes: 300 * MIB,
      afterBytes: 250 * MIB,
    });
    assert.deepEqual([large.allowedAfterBytes, large.verdict], [250 * MIB, "PASS"]);
  });

  it("misses when memory stays above the bound once the load is over", () => {
    const leak = { restBytes: 100 * MIB, peakBytes: 300 * MIB, afterBytes: 131 * MIB };
    assert.equal(judgeMemory(leak).verdict, "MISS");
  });
});

describe("judgeTokenRequests", () => {
  it("allows one request per audience with the manager and has no target without it", () => {
    const on = { manager: true, tokenRequests: 2, widgetsOk: 10, widgetsError: 0 };
    assert.equal(judgeTokenRequests(on).verdict, "PASS");
    assert.equal(judgeTokenRequests({ ...on, tokenRequests: 3 }).verdict, "MISS");
    assert.equal(
      judgeTokenRequests({ ...on, manager: false, tokenRequests: 10 }).verdict,
      "baseline",
    );
  });
});

describe("judgeStorm", () => {
  const storm = {
    manager: true,
    windowSeconds: 20.4,
    ttlSeconds: 5,
    refreshGrants: { [PROFILE]: 4, [ORDERS]: 5 },
    refreshErrors: 0,
    invalidGrant: 0,
    revokedGrants: 0,
    widgetsError: 0,
    stillSignedIn: true,
  };

  it("allows one grant per expiry, rounded up, plus the audience's first token", () => {
    const figure = judgeStorm(storm, [PROFILE, ORDERS]);
    assert.equal(figure.expiriesPerAudience, 4.08);
    assert.equal(figure.maxGrantsPerAudience, 6);
    assert.equal(figure.verdict, "PASS");
  });

  it("misses on a grant too many, a failed grant, or a signed-out user", () => {
    const audiences = [PROFILE, ORDERS];
    const tooMany = { ...storm, refreshGrants: { [PROFILE]: 7, [ORDERS]: 4 } };
    assert.equal(judgeStorm(tooMany, audiences).verdict, "MISS");
    assert.equal(judgeStorm({ ...storm, invalidGrant: 1 }, audiences).verdict, "MISS");
    assert.equal(judgeStorm({ ...storm, stillSignedIn: false }, audiences).verdict, "MISS");
    assert.equal(judgeStorm({ ...storm, refreshGrants: {} }, audiences).verdict, "MISS");
  });
});

describe("judgePageJs", () => {
  it("measures every page against the first one, the home page", () => {
    const [home, basic, heavy] = judgePageJs([
      { path: "/", scripts: 9, bytes: 150 * 1024 },
      { path: "/basic-usage", scripts: 10, bytes: 165 * 1024 },
      { path: "/heavy", scripts: 11, bytes: 166 * 1024 },
    ]);
    assert.equal(home?.verdict, "baseline");
    assert.deepEqual([basic?.aboveHomeKiB, basic?.verdict], [15, "PASS"]);
    assert.deepEqual([heavy?.aboveHomeKiB, heavy?.verdict], [16, "MISS"]);
  });
});

describe("markdown helpers", () => {
  it("formats numbers, ratios and tables", () => {
    assert.equal(formatNumber(2104.57), "2,105");
    assert.equal(formatNumber(0.9312, 2), "0.93");
    assert.equal(formatRatio(0.9312), "0.93×");
    assert.equal(formatLoads([0.96, 2.971, 3.6]), "0.96 / 2.97 / 3.60");
    assert.equal(table(["a", "b"], [["1", "2"]]), "| a | b |\n| --- | --- |\n| 1 | 2 |");
  });

  it("replaces only what lies between the markers", () => {
    const text = "before\n<!-- s -->\nold\n<!-- e -->\nafter";
    const replaced = replaceBetween(text, "<!-- s -->", "<!-- e -->", "new\n");
    assert.equal(replaced, "before\n<!-- s -->\n\nnew\n\n<!-- e -->\nafter");
    assert.throws(() => replaceBetween("no markers", "<!-- s -->", "<!-- e -->", "x"));
  });
});

describe("withoutDistDirEntries", () => {
  it("ignores the include entries next build adds for the benchmark's folder", () => {
    const original = '{\n  "include": ["a.ts", ".next/types/**/*.ts"]\n}\n';
    const built = '{"include":["a.ts",".next/types/**/*.ts",".next-bench/types/**/*.ts"]}';
    assert.equal(withoutDistDirEntries(built), withoutDistDirEntries(original));
    assert.notEqual(withoutDistDirEntries('{"include":["b.ts"]}'), withoutDistDirEntries(original));
  });
});

describe("renderReport", () => {
  it("has a heading per figure group at the level asked, the verdicts and the command", () => {
    const markdown = renderReport(report, 3);
    assert.match(markdown, /^### Throughput$/m);
    assert.match(markdown, /^### Session cookie$/m);
    assert.match(markdown, /^### Bounded load$/m);
    assert.match(markdown, /pid 42, `next-server \(v16\.0\.0\)`: the one listening of the 2/);
    assert.match(markdown, /\| 2 \| 0 \| 250\.0 \| 0 non-2xx, 0 errors \| MISS \|/);
    assert.match(markdown, /\| 100\.0 \| 250\.0 \| 140\.0 \| \+40\.0 \| ≤ 130\.0 \| MISS \|/);
    assert.match(markdown, /Measured 2026-01-02 03:04 UTC on 2 cores/);
    assert.match(markdown, /Reproduce: `npm run bench`$/);
  });

  it("gives each route's ratio per round and their median, page views without a target", () => {
    const markdown = renderReport(report, 3);
    assert.match(markdown, /then 3 rounds of 4 s per route, every route once per round/);
    assert.match(markdown, /\| 0\.85× \/ 0\.90× \/ 0\.85× \| 0\.85× \| ≥ 0\.90× \| MISS \|/);
    assert.match(
      markdown,
      /\| `GET \/` \(page view, signed in\) \| 300 \| .+ \| 0\.15× \/ 0\.16× \/ 0\.14× \| 0\.15× \| — \| baseline \|/,
    );
    assert.match(
      markdown,
      /Load average \(1 \/ 5 \/ 15 min\): 0\.50 \/ 0\.40 \/ 0\.30 right before the throughput runs, 1\.90 \/ 0\.80 \/ 0\.40 right after\./,
    );
  });

  it("puts the session modes side by side: cookie sizes, Redis commands, the harsh storm", () => {
    const markdown = renderReport(report, 3);
    assert.match(
      markdown,
      /\| 2 \| audience=orders \| 4,400 \(2 chunks\) \| yes \| 250 \(1 chunk\) \|/,
    );
    assert.match(markdown, /stays one size: \*\*PASS\*\*/);
    assert.match(
      markdown,
      /\| token request, cached \| 20 \| 0 \| 2\.00 \| hgetall 2\.00 \| 0\.00 \| — \| exactly 1 sent \| MISS \|/,
    );
    assert.match(markdown, /\| hset 1\.00 \| — \| baseline \|/);
    assert.match(markdown, /^### Navigation storm, both session modes$/m);
    assert.match(
      markdown,
      /\| Redis \| 2 \| on \| 45\.0 \| 120 \| 22 \(0\.98\) \| 20 \(0\.89\) \| 0 \(0\.00\) \|/,
    );
  });

  it("counts the session's Set-Cookie over client navigations, in both modes", () => {
    const markdown = renderReport(report, 3);
    assert.match(markdown, /^### Session cookie over client navigations$/m);
    assert.match(markdown, /then makes 100 client-side navigations/);
    assert.match(
      markdown,
      /\| cookie \| 100 \| 0 \| 420 \| 100 \| 600 \| 560,000 \| 5,600 \| ≤ 5 per 100 navigations \| MISS \|/,
    );
    assert.match(
      markdown,
      /\| Redis \| 100 \| 0 \| 420 \| 4 \| 4 \| 880 \| 9 \| ≤ 5 per 100 navigations \| PASS \|/,
    );
  });

  it("times the SDK's cookie crypto against the key derived once, as figures for upstream", () => {
    const markdown = renderReport(report, 3);
    assert.match(markdown, /^### Session cookie encryption in the SDK$/m);
    assert.match(markdown, /`@auth0\/nextjs-auth0` 4\.30\.0/);
    assert.match(
      markdown,
      /the cookie's value 4,200 bytes, chunks joined; its payload 3,100 bytes/,
    );
    assert.match(markdown, /\| `decrypt` \| 250\.0 \| 120\.0 \| 130\.0 \(52 %\) \|/);
    assert.match(markdown, /\| `encrypt` \| 260\.0 \| 150\.0 \| 110\.0 \(42 %\) \|/);
    assert.match(markdown, /figures for an upstream issue: the SDK is not patched/);
  });

  it("warns when other work kept the machine busy", () => {
    assert.match(renderReport(report, 2), /the throughput figures are unreliable/);
    const quiet = { ...report.machine, loadAverage: { start: [0.5], end: [3] } };
    assert.doesNotMatch(renderReport({ ...report, machine: quiet }, 2), /unreliable/);
  });
});
