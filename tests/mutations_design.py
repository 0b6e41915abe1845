"""Mutations of the report-wide, problem definition, feature engineering and experiment tracking checks."""

from check_mutations import Mutation

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
]
