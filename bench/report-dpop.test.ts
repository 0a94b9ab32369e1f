import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { benchOnly } from "./config";
import { renderDpopReport, renderReport } from "./report";
import { dpopSection } from "./report-dpop";
import { benchReport as report } from "./report-fixtures";

describe("dpopSection", () => {
  it("gives the Payments API's requests/s against the Orders API's, round by round", () => {
    const markdown = dpopSection(report, "###");
    assert.match(markdown, /^### DPoP: the Payments API's proof check$/m);
    assert.match(
      markdown,
      /\| `GET \/api\/payments` \(\/api\/payments\) \| 700 \| 20 \| 45 \| 0 \| 0\.70× \/ 0\.75× \/ 0\.60× \| 0\.70× \|/,
    );
    assert.match(markdown, /\| `GET \/api\/orders` \(\/api\/orders\) \| 1,000 \| .+ \| 1\.00× \|/);
    assert.match(markdown, /`DPOP_NONCE=required`/);
    // 700 requests/s × 60 µs per proof: 4.2 % of one core in the load generator.
    assert.match(markdown, /60\.0 µs per proof, timed idle, so about 4\.2 % of one core/);
    assert.match(
      markdown,
      /Load average \(1 \/ 5 \/ 15 min\): 1\.20 \/ 1\.00 \/ 0\.90 right before these runs, 2\.40 \/ 1\.30 \/ 1\.00 right after\./,
    );
  });

  it("counts the fetcher's nonce retries per 100 calls, with the rollover it waited for", () => {
    const markdown = dpopSection(report, "###");
    assert.match(markdown, /^### DPoP: the fetcher's nonce retries$/m);
    assert.match(markdown, /\| Fetcher \| 100 \| 101 \| 1 \| 1 \| 1\.0 \| 2 \| 0 \|/);
    assert.match(markdown, /a nonce window rolled over between calls 50 and 51; 23\.7 s in all/);
    assert.match(markdown, /\(20\.5 s, watched outside the fetcher\)/);
  });

  it("is part of the whole report, and the report of a DPoP-only run", () => {
    assert.match(renderReport(report, 3), /^### DPoP: the fetcher's nonce retries$/m);
    const alone = renderDpopReport(report);
    assert.match(alone, /^# Benchmark report: DPoP only\n\nMeasured 2026-01-02 03:04 UTC/);
    assert.match(alone, /^## DPoP: the Payments API's proof check$/m);
    assert.match(alone, /Reproduce: `npm run bench -- --only dpop`/);
    assert.doesNotMatch(alone, /^## Throughput$/m);
  });
});

describe("benchOnly", () => {
  it("reads --only <part> and --only=<part>, and nothing means everything", () => {
    assert.equal(benchOnly(["--only", "dpop"]), "dpop");
    assert.equal(benchOnly(["--only=dpop"]), "dpop");
    assert.equal(benchOnly([]), undefined);
  });

  it("stops on a part it does not know, or none, naming the parts there are", () => {
    assert.throws(() => benchOnly(["--only", "storm"]), /--only takes one of: dpop \(got storm\)/);
    assert.throws(() => benchOnly(["--only"]), /--only takes one of: dpop \(got nothing\)/);
  });
});
