"""Mutations of the training pipeline, model serving, A/B testing and monitoring checks."""

from check_mutations import Mutation

MUTATIONS = [
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
