/**
 * `.github/workflows/ci.yml` cannot run here, so this checks it the two ways it can fail on
 * GitHub: against GitHub's own workflow schema (`@actions/workflow-parser`, which also knows
 * which contexts each key may use), and against what this project needs from it.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { parse } from "yaml";
import { targetVariables } from "@/test-support/target";

const WORKFLOW = ".github/workflows/ci.yml";
const source = readFileSync(WORKFLOW, "utf8");

type Step = { uses?: string; run?: string; id?: string; with?: Record<string, unknown> };
type Job = {
  "runs-on"?: string;
  needs?: string;
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps?: Step[];
};
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };

const workflow = parse(source) as Workflow;
const job = (id: string): Job => workflow.jobs[id] ?? assert.fail(`no job "${id}"`);
const steps = (id: string): Step[] => job(id).steps ?? assert.fail(`job "${id}" has no steps`);

/** The schema errors GitHub's parser finds in `content`. */
function schemaErrors(content: string): string[] {
  const result = parseWorkflow({ name: WORKFLOW, content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

describe("the GitHub Actions workflow for forks", () => {
  test("is valid against GitHub's workflow schema", () => {
    assert.deepEqual(schemaErrors(source), []);
  });

  test("control: the schema check catches a secret in an if:, which GitHub refuses", () => {
    const broken = source.replace(
      "${{ needs.tenant.outputs.ready == 'true' }}",
      "${{ secrets.E2E_BASE_URL != '' }}",
    );
    assert.notEqual(broken, source, "the e2e job's condition was found");
    assert.match(schemaErrors(broken).join("\n"), /Unrecognized named-value: 'secrets'/);
  });

  test("runs on every push and pull request", () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ["pull_request", "push"]);
  });

  test("every job runs on ubuntu-latest, and every step uses an action or runs a command", () => {
    for (const [id, { "runs-on": runsOn, steps: jobSteps = [] }] of Object.entries(workflow.jobs)) {
      assert.equal(runsOn, "ubuntu-latest", id);
      assert.ok(jobSteps.length > 0, `${id} has steps`);
      for (const step of jobSteps)
        assert.ok(step.uses ?? step.run, `${id}: ${JSON.stringify(step)}`);
    }
  });

  test("the test job runs .ci/run on Node 20, exactly as this repository's CI does", () => {
    const testSteps = steps("test");
    assert.match(testSteps[0]?.uses ?? "", /^actions\/checkout@v\d+$/);
    const node = testSteps.find((step) => step.uses?.startsWith("actions/setup-node@"));
    assert.equal(node?.with?.["node-version"], 20);
    assert.equal(testSteps.at(-1)?.run, "bash .ci/run");
    assert.ok(existsSync(".ci/run"));
  });

  test("the tenant job checks every secret the e2e job uses, and gates it through needs", () => {
    const secrets = [...source.matchAll(/\$\{\{ secrets\.(\w+) \}\}/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(secrets)].sort(), [...targetVariables].sort());

    const check = steps("tenant").find((step) => step.id === "check");
    for (const name of targetVariables) {
      assert.match(check?.run ?? "", new RegExp(`\\[ -n "\\$${name}" \\]`), `checks ${name}`);
    }
    assert.equal(job("tenant").outputs?.ready, "${{ steps.check.outputs.ready }}");

    const e2e = job("e2e-tenant");
    assert.equal(e2e.needs, "tenant");
    assert.equal(e2e.if, "${{ needs.tenant.outputs.ready == 'true' }}");
    for (const name of targetVariables) {
      assert.equal(e2e.env?.[name], `\${{ secrets.${name} }}`, `${name} reaches the suite`);
    }
  });

  test("the e2e job runs the target mode's npm script, which exists", () => {
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: object })
      .scripts;
    assert.equal(steps("e2e-tenant").at(-1)?.run, "npm run test:e2e:target");
    assert.ok("test:e2e:target" in scripts);
  });
});
