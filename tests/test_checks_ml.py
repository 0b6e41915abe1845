"""ML Workflow domain checks: each one passes on a good hand-written report and fails on a broken copy.

The good reports in ``fixtures/reports`` answer real eval requests (``cases.json`` holds copies of those
cases). Every mutation below edits one report (or pairs it with another request) so that one rubric
item is violated, and asserts that its check turns from pass to fail.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pytest
from fixture_skill import CASES, REPORTS, SKILL

from skillrun.evals import CheckOutcome, make_context, run_checks
from skillrun.packs.ml_workflow.checks import CHECK_IDS

GOOD = {
    "churn": ("churn-fitness-gcp.md", "ml-020"),
    "readmission": ("readmission-azure.md", "ml-011"),
    "wakeword": ("wakeword-edge.md", "ml-015"),
    "toxicity": ("toxicity-aws.md", "ml-016"),
}


def report(name: str) -> str:
    return (REPORTS / GOOD[name][0]).read_text(encoding="utf-8")


def outcomes(markdown: str, case_id: str) -> dict[str, CheckOutcome]:
    case = CASES[case_id]
    ctx = make_context(SKILL, markdown, case["request"], expect=case["expect"])
    return {o.id: o for o in run_checks(ctx)}


@functools.cache
def good_outcomes(name: str) -> dict[str, CheckOutcome]:
    """The outcomes of a good report on its own case, computed once per module (read, never changed)."""
    return outcomes(report(name), GOOD[name][1])


@dataclass(frozen=True)
class Mutation:
    check: str
    report: str
    edits: list[tuple[str, str]] = field(default_factory=list)
    case: str | None = None
    """Run the (edited) report against this case's request and labels instead of its own."""
    note: str = ""


def _row(old: str, new: str) -> tuple[str, str]:
    return old, new


MUTATIONS = [
    # --- report-wide ---------------------------------------------------------------------------------
    Mutation(
        "G-04",
        "churn",
        [("Optuna (Bayesian TPE), 50 trials", "SageMaker automatic model tuning, 50 trials")],
        note="SageMaker in a GCP report",
    ),
    Mutation(
        "AP-07",
        "readmission",
        [("Azure Monitor with alerts on the batch job", "CloudWatch alarms on the batch job")],
        note="CloudWatch in an Azure report",
    ),
    Mutation("G-06", "churn", case="ml-011", note="health request without regulated controls"),
    Mutation(
        "XC-01",
        "churn",
        [
            (
                "SRM on assignment counts, scoring job failures",
                "SRM on assignment counts, p99 latency of the scoring endpoint",
            )
        ],
        note="batch serving but online guardrails",
    ),
    Mutation(
        "XC-02",
        "churn",
        [
            (
                "Promotion gate: PR-AUC ≥ 0.25 and at least +5% PR-AUC over the current champion",
                "Promotion gate: log-loss ≤ 0.2 and at least +5% lift over the current champion",
            )
        ],
        note="gate on another metric",
    ),
    Mutation(
        "XC-03",
        "churn",
        [("vs a reference window of the same weekdays 4 weeks earlier", "vs the training data")],
        note="no seasonal reference window",
    ),
    Mutation(
        "XC-04",
        "churn",
        [("- Costs stay low:", "- The team of 6 engineers keeps costs low:")],
        note="team size contradicts the request",
    ),
    Mutation(
        "XC-05",
        "churn",
        [
            (
                "| cancellation_reason | Support tickets | dropped: only known after the user cancels | categorical | High: excluded from the model |",
                "| cancellation_reason | Support tickets | one-hot of the stated reason | categorical | High |",
            )
        ],
        note="high-leakage feature used",
    ),
    Mutation(
        "XC-06",
        "churn",
        [
            (
                "| Primary metric | 30-day churn rate of users entering the test |",
                "| Primary metric | Average session length in minutes |",
            )
        ],
        note="A/B primary metric unrelated to the business metric",
    ),
    Mutation(
        "AP-06",
        "wakeword",
        [
            (
                "- Model size budget 80 KB flash",
                "- Inference needs a Jetson GPU module next to the MCU.\n- Model size budget 80 KB flash",
            )
        ],
        note="GPU on a no-GPU request",
    ),
    # --- problem definition ----------------------------------------------------------------------------
    Mutation(
        "PD-01",
        "churn",
        [
            (
                "Binary classification: will an active user churn",
                "Regression: days until an active user churns",
            )
        ],
        note="wrong problem type",
    ),
    Mutation(
        "PD-02",
        "churn",
        [
            (
                "churned = 1 if the user logs no workout session in the 30 days after the daily scoring date",
                "churned = 1 if the user stops using the app",
            ),
            (
                "Labels come from the app event log and mature 30 days after scoring (label delay 30 days).",
                "",
            ),
        ],
        note="target without a window",
    ),
    Mutation(
        "PD-03",
        "churn",
        [
            (
                "Monthly churn rate of active users and retained subscription revenue in €",
                "PR-AUC on the out-of-time test month, plus recall at the top 5% of scored users (campaign capacity)",
            )
        ],
        note="business metric equals the evaluation metric",
    ),
    Mutation(
        "PD-04",
        "churn",
        [
            (
                "PR-AUC on the out-of-time test month, plus recall at the top 5% of scored users (campaign capacity)",
                "ROC-AUC on the out-of-time test month",
            )
        ],
        note="ROC-AUC on imbalanced data",
    ),
    Mutation(
        "AP-02",
        "churn",
        [
            (
                "| Evaluation metric | PR-AUC on the out-of-time test month",
                "| Evaluation metric | Accuracy on the out-of-time test month, PR-AUC",
            )
        ],
        note="accuracy first on imbalanced data",
    ),
    Mutation(
        "PD-05",
        "churn",
        [
            (
                'Current rule "no session in the last 7 days" flags users; measured on last quarter it reaches PR-AUC ≈ 0.14 and recall@5% ≈ 0.22',
                "Not defined yet",
            )
        ],
        note="no baseline",
    ),
    Mutation(
        "PD-06",
        "churn",
        [
            (
                "PR-AUC ≥ 0.25 and recall@5% ≥ +30% relative to the 7-day inactivity rule on the out-of-time month",
                "A clear improvement in PR-AUC over the current rule",
            )
        ],
        note="threshold without a number",
    ),
    Mutation(
        "PD-07",
        "churn",
        [
            (
                "- The pipeline runs in Docker",
                "- SMOTE oversampling is applied to the full dataset before the split.\n- The pipeline runs in Docker",
            )
        ],
        note="oversampling before the split",
    ),
    Mutation(
        "PD-10",
        "churn",
        [(" Labels come from the app event log and mature 30 days after scoring (label delay 30 days).", "")],
        note="no label delay",
    ),
    # --- feature engineering ---------------------------------------------------------------------------
    Mutation(
        "FE-01",
        "churn",
        [
            (
                "| session_trend | BigQuery events table | ratio of sessions in the last 14 days to the previous 14 days (rolling window) | numeric | Low |\n",
                "",
            ),
            (
                "| notification_opt_in, app_version | Device table (daily snapshot) | boolean flag; app version bucketed to major | boolean / categorical | Low |\n",
                "",
            ),
        ],
        note="only four features",
    ),
    Mutation(
        "FE-02",
        "churn",
        [
            (
                "| one-hot plan; tenure at the scoring date from the snapshot | categorical / numeric | Low |",
                "| one-hot plan; tenure at the scoring date from the snapshot | categorical / numeric | unknown |",
            )
        ],
        note="leakage not rated",
    ),
    Mutation(
        "FE-04",
        "churn",
        [("**Feature store:** No — one batch model", "**Feature store:** Yes — Feast, one batch model")],
        note="feature store yes where the case expects no",
    ),
    Mutation(
        "FE-04",
        "churn",
        [
            (
                "**Feature store:** No — one batch model, a two-person team and no online serving; features are",
                "**Feature store:** Depends; features are",
            )
        ],
        note="no decision",
    ),
    Mutation(
        "AP-03",
        "churn",
        [
            (
                "**Feature store:** No — one batch model",
                "**Feature store:** Yes — Feast with a Redis online store is required from day one; one batch model",
            )
        ],
        note="feature store for a small-team batch first model",
    ),
    Mutation(
        "FE-05",
        "churn",
        [
            (
                "features are a single SQL definition (a BigQuery view) used by both training and daily scoring, so there is no training-serving skew to solve yet.",
                "features are written in SQL.",
            ),
            (
                "Each scored row is logged with the features as served, the prediction",
                "Each scored row is logged with the prediction",
            ),
        ],
        note="no shared transformation path",
    ),
    Mutation(
        "FE-06",
        "churn",
        [
            (
                "- Schema checks run with Great Expectations on the feature view",
                "- Checks run on the feature view",
            )
        ],
        note="no schema validation",
    ),
    Mutation(
        "FE-07",
        "readmission",
        [(" Zip code is reviewed as a possible proxy.", "")],
        note="regulated, no word on sensitive inputs",
    ),
    Mutation(
        "FE-08",
        "churn",
        [
            ("in the 7/28 days before the scoring date (as of the scoring date)", "in the last 7/28 days"),
            (
                "scoring date minus last session date, computed as-of the scoring date",
                "today minus last session date",
            ),
            ("Med: only sessions prior to the scoring date", "Med: all sessions"),
            ("tenure at the scoring date from the snapshot", "tenure from the snapshot"),
            (
                "- Windows are computed with a point-in-time cutoff at the scoring date, so no event after the prediction time enters a row.\n",
                "",
            ),
        ],
        note="windows without an as-of cutoff",
    ),
    Mutation(
        "AP-08",
        "readmission",
        [
            (
                "| final_billing_codes | Hospital billing | excluded: finalised weeks after discharge | categorical | High: excluded, not available at discharge |",
                "| final_billing_codes | Hospital billing | one-hot of the final codes | categorical | Med |",
            )
        ],
        note="post-discharge billing codes as a feature",
    ),
    Mutation(
        "AP-14",
        "readmission",
        [
            (
                "| payer_type |",
                "| race_ethnicity | Registration | one-hot | categorical | Low |\n| payer_type |",
            )
        ],
        note="race as a model input",
    ),
    # --- experiment tracking ---------------------------------------------------------------------------
    Mutation(
        "ET-01",
        "churn",
        [
            (
                "| Tool | MLflow on a small Cloud Run service with a GCS artifact bucket | Free, self-hosted and cheap on GCP; Vertex AI Experiments is an option later |",
                "| Tool | A shared spreadsheet of results | Everyone can edit it |",
            )
        ],
        note="no tracker",
    ),
    Mutation(
        "ET-01",
        "churn",
        [
            (
                "| Tool | MLflow on a small Cloud Run service with a GCS artifact bucket | Free, self-hosted and cheap on GCP; Vertex AI Experiments is an option later |",
                "| Tool | Azure ML workspace | Rich UI |",
            )
        ],
        note="tracker from another cloud",
    ),
    Mutation(
        "ET-02",
        "churn",
        [
            (
                "git commit SHA, dataset snapshot id (BigQuery table snapshot date), hyperparameters, metrics including the baseline rule, model artifact, Docker image digest and random seed",
                "metrics and the model file",
            )
        ],
        note="little tracked",
    ),
    Mutation(
        "ET-03",
        "churn",
        [
            (
                'Experiment per problem ("churn-v1"), run names "{date}-{model}-{feature_set}", tags for owner and data version; the registry version links back to its run id',
                "Runs are kept in MLflow",
            )
        ],
        note="no organisation",
    ),
    Mutation(
        "ET-04",
        "churn",
        [
            ("dataset snapshot id (BigQuery table snapshot date)", "the training query"),
            ("tags for owner and data version", "tags for owner"),
        ],
        note="no data versioning",
    ),
    Mutation(
        "ET-05",
        "churn",
        [
            (
                "- Metrics are logged per slice: new vs returning users, plan type and platform (iOS/Android).\n",
                "",
            ),
            ("; slice checks; no NaN scores", "; no NaN scores"),
        ],
        note="no slice metrics",
    ),
    # --- training pipeline -----------------------------------------------------------------------------
    Mutation(
        "TP-01",
        "churn",
        [
            (
                "Time-based: train on months 1-10, validate on month 11, test on month 12 (out-of-time)",
                "Random 80/10/10 split of all user-days",
            ),
            (
                "Walk-forward backtest over the last 3 months with a 30-day gap for label maturity; no random split",
                "Shuffled so every month is represented",
            ),
        ],
        note="random split on temporal data",
    ),
    Mutation(
        "AP-01",
        "churn",
        [("; no random split", "; model selection by StratifiedKFold over all months")],
        note="stratified k-fold on temporal data",
    ),
    Mutation(
        "TP-02",
        "readmission",
        [
            (
                "Patients are grouped so that nobody appears in two splits (GroupKFold by patient id inside the training window); rolling-origin",
                "Rolling-origin",
            ),
            ("split by patient and time", "split by time"),
        ],
        note="no patient grouping",
    ),
    Mutation(
        "TP-03",
        "churn",
        [
            (
                "Scaling and encoding live inside the sklearn Pipeline and are fit on the training split only",
                "Scaling and encoding use global statistics",
            )
        ],
        note="no train-only fitting",
    ),
    Mutation(
        "AP-17",
        "churn",
        [
            (
                "- The pipeline runs in Docker",
                "- Missing values are imputed on the whole dataset before the split.\n- The pipeline runs in Docker",
            )
        ],
        note="imputation before the split",
    ),
    Mutation(
        "TP-04",
        "churn",
        [
            (
                "- Orchestration is Cloud Scheduler triggering Cloud Run jobs",
                "- Orchestration is AWS Step Functions",
            )
        ],
        note="orchestrator from another cloud",
    ),
    Mutation(
        "TP-05",
        "churn",
        [("Optuna (Bayesian TPE), 50 trials", "Optuna (Bayesian TPE)")],
        note="no tuning budget",
    ),
    Mutation(
        "TP-06",
        "churn",
        [
            (
                "| Validation | Promotion gate: PR-AUC ≥ 0.25 and at least +5% PR-AUC over the current champion on the out-of-time month; slice checks; no NaN scores | Candidate that fails the gate stays in Staging |",
                "| Validation | The candidate is reviewed by the team | Looks fine |",
            )
        ],
        note="no numeric gate",
    ),
    Mutation(
        "TP-07",
        "churn",
        [
            (
                "| Registry | MLflow Model Registry with aliases (champion, challenger) |",
                "| Registry | Model files are copied to a bucket |",
            ),
            ("--> MLflow registry", "--> model bucket"),
        ],
        note="no registry",
    ),
    Mutation(
        "TP-08",
        "churn",
        [
            (
                "BigQuery events --> validate (Great Expectations) --> feature view (as-of scoring date)\n        |\n        v\n time-based split --> train LightGBM --> evaluate / gate vs rule --> MLflow registry\n                                                                      |\n                                                                      v\n                         Cloud Run job: daily batch scoring --> monitoring (Evidently) --> retrain trigger",
                "data -> model",
            )
        ],
        note="diagram with two stages",
    ),
    Mutation(
        "TP-09",
        "churn",
        [
            (
                "- The pipeline runs in Docker with pinned requirements and a fixed seed; unit tests cover the feature SQL and an integration test runs the whole pipeline on a 1% sample before each release.\n",
                "",
            )
        ],
        note="no reproducibility",
    ),
    Mutation(
        "TP-11",
        "wakeword",
        [
            (
                "- Model size budget 80 KB flash",
                "- Inference needs a Jetson GPU module next to the MCU.\n- Model size budget 80 KB flash",
            )
        ],
        note="GPU on a microcontroller request",
    ),
    Mutation(
        "AP-13",
        "churn",
        [
            (
                "LightGBM with class weights; logistic regression as the simple reference",
                "A deep neural network (MLP) with class weights",
            ),
            (
                'Current rule "no session in the last 7 days" flags users; measured',
                "Nothing measured yet; later",
            ),
            ("train LightGBM --> evaluate / gate vs rule", "train MLP --> evaluate / gate"),
        ],
        note="deep net first without a simple baseline",
    ),
    # --- model serving ---------------------------------------------------------------------------------
    Mutation(
        "MS-01",
        "churn",
        [
            (
                "| Serving mode | Batch: a daily Cloud Run job scores all active users and writes a BigQuery table read by the campaign tool |",
                "| Serving mode | Real-time: a REST endpoint scores a user on every app open |",
            )
        ],
        note="real-time for a batch request",
    ),
    Mutation(
        "AP-04",
        "churn",
        [
            (
                "| Serving mode | Batch: a daily Cloud Run job scores all active users and writes a BigQuery table read by the campaign tool |",
                "| Serving mode | Real-time: a REST endpoint scores a user on every app open |",
            )
        ],
        note="real-time endpoint primary",
    ),
    Mutation(
        "AP-05",
        "toxicity",
        [
            (
                "| Serving mode | Streaming: consumers read the chat Kinesis stream, score each message inline before delivery and publish allow/hold decisions |",
                "| Serving mode | Batch: a nightly job scores the day's messages |",
            )
        ],
        note="batch-only for in-request moderation",
    ),
    Mutation(
        "AP-04",
        "toxicity",
        [
            (
                "| Serving mode | Streaming: consumers read the chat Kinesis stream, score each message inline before delivery and publish allow/hold decisions |",
                "| Serving mode | Batch: a nightly job scores the day's messages |",
            )
        ],
        note="the case names AP-04 for nightly batch",
    ),
    Mutation(
        "MS-02",
        "toxicity",
        [("p99 ≤ 800 ms from send", "p99 ≤ 2,500 ms from send")],
        note="p99 over the request's limit",
    ),
    Mutation(
        "MS-02",
        "churn",
        [
            (
                "Scores ready by 06:00 UTC every day; the job takes about 15 minutes",
                "Scores are refreshed regularly",
            )
        ],
        note="batch without a deadline",
    ),
    Mutation(
        "AP-12",
        "toxicity",
        [
            (
                "p50 ≤ 150 ms and p99 ≤ 800 ms from send to decision",
                "Average latency of 150 ms from send to decision",
            )
        ],
        note="only average latency",
    ),
    Mutation(
        "MS-03",
        "toxicity",
        [("20,000 messages/s on average, 60,000 msgs/s at peak events", "About 200 messages/s")],
        note="throughput 100x below the request",
    ),
    Mutation(
        "MS-04",
        "churn",
        [
            (
                "Single Cloud Run job with BigQuery doing the feature SQL; partition the scoring by user id hash if the user base grows past 5M",
                "We will see",
            )
        ],
        note="no scaling strategy",
    ),
    Mutation(
        "MS-05",
        "churn",
        [
            (
                "If the job fails, the campaign tool keeps yesterday's scores (cached table) and falls back to the 7-day inactivity rule after 48 hours",
                "The job is monitored",
            )
        ],
        note="no fallback mechanism",
    ),
    Mutation(
        "MS-06",
        "churn",
        [
            (
                "- New model versions run in shadow for one week (scored but not used) before the A/B test; rollback re-points the alias within minutes.\n",
                "",
            )
        ],
        note="no shadow or canary",
    ),
    Mutation(
        "MS-07",
        "churn",
        [
            (
                "- Each scored row is logged with the features as served, the prediction, the model version and a timestamp.\n",
                "",
            )
        ],
        note="no prediction logging",
    ),
    Mutation("MS-08", "churn", case="ml-015", note="edge request, no edge specifics"),
    Mutation(
        "MS-10",
        "toxicity",
        [
            (
                "- Sender counters in the online store are updated within 2 s of each message by the stream job.\n",
                "",
            )
        ],
        note="no freshness target",
    ),
    # --- A/B testing -----------------------------------------------------------------------------------
    Mutation(
        "AB-01",
        "churn",
        [("Users are randomized by user id hash: 50/50", "50/50")],
        note="no randomisation unit",
    ),
    Mutation(
        "AB-02",
        "churn",
        [("by user id hash: 50/50 between", "by user id hash: 60/30 between")],
        note="split sums to 90",
    ),
    Mutation(
        "AB-03",
        "churn",
        [
            (
                "| Primary metric | 30-day churn rate of users entering the test |",
                "| Primary metric | 30-day churn rate and revenue per user |",
            )
        ],
        note="two primary metrics",
    ),
    Mutation(
        "AB-04",
        "churn",
        [
            (
                "| Guardrail metrics | Notification opt-out rate, revenue per user, SRM on assignment counts, scoring job failures |",
                "| Guardrail metrics | Notification opt-out rate |",
            )
        ],
        note="one guardrail",
    ),
    Mutation("AB-05", "churn", [("alpha = 0.05 two-sided, ", "")], note="alpha not stated"),
    Mutation(
        "AB-06",
        "churn",
        [("n = 17,221 users per arm", "n = 12,000 users per arm"), ("2 x 17,221", "2 x 12,000")],
        note="n 30% too small",
    ),
    Mutation(
        "AP-09",
        "churn",
        [("n = 17,221 users per arm", "n = 12,000 users per arm"), ("2 x 17,221", "2 x 12,000")],
        note="n off by more than 10%",
    ),
    Mutation(
        "AB-07",
        "churn",
        [("| Min duration | 37 days:", "| Min duration | 7 days:"), (", plus the 30-day churn window", "")],
        note="duration leaves out the churn window",
    ),
    Mutation(
        "AB-08",
        "churn",
        [
            (", SRM on assignment counts", ""),
            (", or the SRM test gives p < 0.001", ""),
            (
                "- SRM check: chi-squared goodness-of-fit test on assignment counts against 50/50 before any analysis.\n",
                "",
            ),
        ],
        note="no SRM check",
    ),
    Mutation(
        "AB-09",
        "churn",
        [
            (
                "Stop and send 100% to control if opt-outs rise by more than 20% relative (p < 0.05), revenue per user drops by more than 2%, or the SRM test gives p < 0.001",
                "Roll back if things look bad",
            )
        ],
        note="rollback without numbers",
    ),
    Mutation(
        "AB-10",
        "churn",
        [
            (
                "- Fixed horizon: we analyse once at the planned sample size, with no peeking at daily p-values.\n",
                "",
            )
        ],
        note="no analysis plan",
    ),
    Mutation(
        "AP-16",
        "churn",
        [
            (
                "- Fixed horizon: we analyse once at the planned sample size, with no peeking at daily p-values.",
                "- We check the p-value daily and stop the test as soon as it is significant.",
            )
        ],
        note="peeking",
    ),
    Mutation(
        "AP-15",
        "readmission",
        [
            (
                "No patient-level A/B test: a stepped-wedge cluster design by hospital, one hospital switching from LACE to the model every 8 weeks until all 3 use it",
                "Patients are randomized individually 50/50 to the model worklist or the LACE worklist",
            ),
            (
                "- A user-level A/B test is not feasible here: randomising patients would change care for individuals and needs IRB review; the stepped-wedge rollout by site is reviewed by the IRB and the compliance office.\n",
                "",
            ),
        ],
        note="patient-level randomisation without review",
    ),
    # --- monitoring ------------------------------------------------------------------------------------
    Mutation(
        "MD-01",
        "churn",
        [
            (
                "| PSI > 0.2 on any of the top 10 features, or share of drifted features ≥ 50% |",
                "| when it looks off |",
            )
        ],
        note="data drift without a threshold",
    ),
    Mutation(
        "MD-02",
        "churn",
        [("PSI > 0.2 on any of the top 10 features", "PSI > 0.6 on any of the top 10 features")],
        note="PSI threshold out of range",
    ),
    Mutation(
        "AP-10",
        "churn",
        [("PSI > 0.2 on any of the top 10 features", "PSI p-value < 0.05 on any of the top 10 features")],
        note="PSI as a p-value",
    ),
    Mutation(
        "MD-03",
        "churn",
        [
            (
                "| Model drift | Evidently report on the prediction score distribution and the share of users in the top bucket | Score PSI > 0.2, or PR-AUC on the matured 30-day cohort drops more than 10% below the offline value |",
                "| Model drift | Evidently report | Weekly review of the campaign results |",
            )
        ],
        note="no prediction-distribution monitor",
    ),
    Mutation(
        "MD-04",
        "churn",
        [
            ("Monthly evaluation on matured labels (30-day label delay)", "Monthly evaluation"),
            (", meaning the relationship between features and churn changed", ""),
            ("PR-AUC on the matured 30-day cohort", "PR-AUC on the 30-day cohort"),
            ("Recall@5% on the matured cohort", "Recall@5%"),
        ],
        note="concept drift without a detection method",
    ),
    Mutation(
        "MD-05",
        "churn",
        [
            (
                "| Operational | Cloud Monitoring on the Cloud Run job | Job failure, run time > 60 minutes, row count below 90% of yesterday, null rate > 5% in any feature, NaN or inf scores | Page the on-call data person and rerun the job |",
                "| Operational | Logs | Job failure | Rerun the job |",
            )
        ],
        note="thin operational monitoring",
    ),
    Mutation(
        "MD-06",
        "churn",
        [
            ("row count below 90% of yesterday, null rate > 5% in any feature, ", ""),
            ("Upstream schema changes", "Upstream changes"),
        ],
        note="no serving-time data quality",
    ),
    Mutation(
        "MD-07",
        "churn",
        [("| Retrain on the latest window and review features |", "| Nothing planned |")],
        note="monitor without an action",
    ),
    Mutation(
        "MD-08",
        "churn",
        [
            (
                "**Retraining policy:** Scheduled monthly retraining on the latest 12 months, plus triggered retraining when model drift fires; a retrained model is promoted only if it passes the validation gate against the champion.",
                "**Retraining policy:** Retrain when someone has time.",
            )
        ],
        note="no retraining policy",
    ),
    Mutation(
        "AP-11",
        "churn",
        [
            (
                "a retrained model is promoted only if it passes the validation gate against the champion.",
                "the new model is deployed automatically to production.",
            )
        ],
        note="automatic promotion",
    ),
    Mutation("AP-11", "churn", case="ml-011", note="regulated promotion without human approval"),
    Mutation(
        "MD-09",
        "churn",
        [
            (
                "- Alert if the champion model is older than 45 days or the feature table is more than 24 hours stale.\n",
                "",
            )
        ],
        note="no staleness bound",
    ),
    Mutation(
        "MD-11",
        "churn",
        [
            (
                "- Upstream schema changes in the event log notify the team through a data contract with the app backend team.",
                "",
            ),
            ("investigate the upstream source", "investigate"),
        ],
        note="no upstream-change alerts",
    ),
    Mutation("MD-12", "churn", [(", NaN or inf scores", "")], note="no NaN alerts"),
    Mutation(
        "MD-13",
        "churn",
        [
            ("| Data drift | Evidently on", "| Data drift | SageMaker Model Monitor on"),
            ("| Model drift | Evidently report on", "| Model drift | SageMaker Model Monitor on"),
        ],
        note="monitoring tool from another cloud",
    ),
    Mutation(
        "AP-18",
        "churn",
        [
            (
                "| Data drift | Evidently on the daily feature table vs a reference window of the same weekdays 4 weeks earlier | PSI > 0.2 on any of the top 10 features, or share of drifted features ≥ 50% |",
                "| Data drift | Evidently | PR-AUC below 0.2 |",
            ),
            (
                "| Model drift | Evidently report on the prediction score distribution and the share of users in the top bucket | Score PSI > 0.2, or PR-AUC",
                "| Model drift | Evidently report | PR-AUC",
            ),
        ],
        note="labelled metrics only with a 30-day label delay",
    ),
]


def _id(m: Mutation) -> str:
    return f"{m.check}-{m.note.replace(' ', '_')}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=_id)
def test_check_fails_on_mutation_and_passes_on_original(mutation: Mutation) -> None:
    original = report(mutation.report)
    case_id = GOOD[mutation.report][1]
    # A request swap breaks a check whose condition the original request does not meet: it is seen to
    # pass on the good report written for that request.
    good = next((n for n, (_, c) in GOOD.items() if c == mutation.case), mutation.report)
    before = good_outcomes(good)[mutation.check]
    assert before.status == "pass", before

    edited = original
    for old, new in mutation.edits:
        assert old in edited, f"fixture drifted: {old[:60]!r}"
        edited = edited.replace(old, new)
    after = outcomes(edited, mutation.case or case_id)[mutation.check]
    assert after.status == "fail", after
    assert after.reason


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_reports_have_no_failures(name: str) -> None:
    results = good_outcomes(name)
    failures = [o for o in results.values() if o.status == "fail"]
    assert failures == []
    assert not any(o.reason.startswith("check error") for o in results.values())


def test_every_domain_check_is_seen_to_pass_and_to_fail() -> None:
    failing = {m.check for m in MUTATIONS}
    passing = {o.id for name in GOOD for o in good_outcomes(name).values() if o.status == "pass"}
    assert CHECK_IDS - failing == set()
    assert CHECK_IDS - passing == set()


def test_reasons_are_one_line() -> None:
    for name in GOOD:
        for outcome in good_outcomes(name).values():
            assert "\n" not in outcome.reason and outcome.reason.strip(), outcome
