"""Varied requests with the expected problem type and serving mode, written for the intake tests.

They cover the 15 problem types, the 5 serving modes, every platform, team sizes from a solo founder to a
platform team, regulated domains, four languages besides English, terse notes and typos.
"""

from __future__ import annotations

# (request, problem_type, serving_mode, cloud or None when not checked)
OWN_REQUESTS: list[tuple[str, str, str, str | None]] = [
    ("Telco with 8M subscribers wants monthly churn scores for the retention team. Data in Redshift, SageMaker shop.", "binary_classification", "batch", "aws"),
    ("card fraud scoring at authorization, 1.5k TPS peak, p99 < 50 ms, chargebacks arrive after 60 days. AWS.", "binary_classification", "real-time", "aws"),
    ("We need to forecast daily demand per SKU per store for the next 14 days, 2,000 stores, BigQuery.", "forecasting", "batch", "gcp"),
    ("Forecast hourly electricity load for the next 48 hours for our grid operator, on-prem cluster, no GPUs.", "forecasting", "batch", "on-prem"),
    ("Detect anomalies in server metrics (CPU, latency, error counts) from Kafka, ~50k events/s, we have no labels.", "anomaly_detection", "streaming", None),
    ("Flag unusual readings from 10k IoT sensors streaming telemetry every second, no labelled failures. Azure.", "anomaly_detection", "streaming", "azure"),
    ("Which customers should get a 10% coupon? We only want to send it to people who would buy because of it (uplift), not those who would buy anyway.", "uplift_modeling", "batch", None),
    ("Rank search results for our job marketplace, 300 QPS, p99 under 100ms, GCP.", "ranking", "real-time", "gcp"),
    ("Personalized product recommendations on the homepage and in weekly emails for 2M customers, Azure.", "recommendation", "hybrid", "azure"),
    ("Music app: recommend songs for the 'for you' playlist, precomputed nightly plus online re-ranking when the app opens.", "recommendation", "hybrid", None),
    ("Extract drug names and dosages from clinical notes (NER) for a hospital, on-prem, HIPAA.", "sequence_labeling", "batch", "on-prem"),
    ("PII redaction in support chat transcripts before they go to the data lake, about 200k chats/day.", "sequence_labeling", "batch", None),
    ("Classify incoming support tickets into 12 queues so they are routed automatically when created. Zendesk, AWS.", "text_classification", "real-time", "aws"),
    ("Sentiment classification of product reviews, nightly batch, 50k reviews/day, GCP.", "text_classification", "batch", "gcp"),
    ("Count people and detect helmets (PPE) in camera images on construction sites, running on a Jetson at each site.", "object_detection", "edge", None),
    ("Detect and locate products on supermarket shelf photos taken by staff phones, offline in the store.", "object_detection", "edge", None),
    ("Segment tumours in brain MRI scans for radiologists, on-prem GPU cluster, hospital.", "image_segmentation", "batch", "on-prem"),
    ("Pixel-level segmentation of crop fields from satellite images every week, Alibaba Cloud.", "image_segmentation", "batch", "alibaba"),
    ("Classify skin lesion photos as benign or malignant in a dermatology clinic app, results within 2 seconds.", "image_classification", "real-time", None),
    ("Visual inspection: classify defects from line camera images on the production line, must run on the line PC, no cloud.", "image_classification", "edge", None),
    ("Classify machine sounds from microphones to detect faulty pumps, batch every night from recordings, on-prem.", "audio_classification", "batch", "on-prem"),
    ("Keyword spotting on a battery-powered smart speaker with a Cortex-M7, 512KB RAM.", "audio_classification", "edge", None),
    ("Tag news articles with one or more topics (multi-label) from a list of 300 topics, batch hourly.", "multilabel_classification", "batch", None),
    ("Predict which of 8 product categories a seller listing belongs to when they create it, 40 requests per second.", "multiclass_classification", "real-time", None),
    ("Estimate house prices for our listings site, valuation shown when users type an address, Azure.", "regression", "real-time", "azure"),
    ("Predict customer lifetime value over 12 months for marketing budget allocation, weekly batch, Snowflake.", "regression", "batch", None),
    ("Credit default risk model for loan applications, decision in the application flow within 300 ms, regulated bank, on-prem.", "binary_classification", "real-time", "on-prem"),
    ("Predict which free-trial users will convert to paid, 3 of us, Postgres, no ML infra.", "binary_classification", "batch", None),
    ("Air-gapped defence network: predict vehicle component failures from maintenance records, weekly lists for planners.", "binary_classification", "batch", "air-gapped"),
    ("CTR prediction for our ad auction, 20k QPS, p99 10 ms, GPUs available, 15 ML engineers, GCP.", "binary_classification", "real-time", "gcp"),
    ("Real-time toxicity filter for game chat via Kafka, 5k messages/s, must decide within 300 ms.", "text_classification", "streaming", None),
    ("Dynamic pricing for hotel rooms, prices computed per quote request, p99 200 ms, AWS.", "regression", "real-time", "aws"),
    # Spanish
    ("Queremos predecir la demanda semanal de cada producto en 300 tiendas para las próximas 4 semanas. Usamos Azure.", "forecasting", "batch", "azure"),
    ("Necesitamos detectar fraude en pagos en tiempo real, 2.000 transacciones por segundo, latencia menor de 80 ms, AWS.", "binary_classification", "real-time", "aws"),
    ("Recomendaciones de productos personalizadas en la página de inicio de nuestra tienda online, 1M usuarios, GCP.", "recommendation", "hybrid", "gcp"),
    # German
    ("Wir wollen die Kündigung von Kunden vorhersagen, monatliche Liste für das Vertriebsteam, 200.000 Kunden, eigenes Rechenzentrum.", "binary_classification", "batch", "on-prem"),
    ("Vorausschauende Wartung: Ausfall von Pumpen 14 Tage im Voraus vorhersagen, Sensordaten, Azure.", "binary_classification", "batch", "azure"),
    ("Objekterkennung auf Kamerabildern im Lager, direkt auf dem Gerät (Jetson), offline.", "object_detection", "edge", None),
    # French
    ("Nous voulons prévoir les ventes quotidiennes de nos 120 magasins pour les 7 prochains jours, budget serré, GCP.", "forecasting", "batch", "gcp"),
    ("Classer automatiquement les e-mails clients par intention (10 catégories) à leur arrivée, Azure.", "text_classification", "real-time", "azure"),
    ("Détection d'anomalies sur les journaux de nos serveurs en continu via Kafka, sans étiquettes.", "anomaly_detection", "streaming", None),
    # Chinese
    ("我们想预测用户流失，每天批量打分，阿里云，团队3人。", "binary_classification", "batch", "alibaba"),
    ("电商首页个性化推荐，日活500万，阿里云，需要实时重排。", "recommendation", "hybrid", "alibaba"),
    ("实时检测支付欺诈，每秒2万笔交易，延迟低于50毫秒。", "binary_classification", "real-time", None),
    ("预测未来14天每个门店每个商品的销量，用MaxCompute。", "forecasting", "batch", "alibaba"),
    # terse and typos
    ("churn model, batch, gcp, 2 ppl", "binary_classification", "batch", "gcp"),
    ("fraud rt api aws p99 30ms", "binary_classification", "real-time", "aws"),
    ("demand forcast per sku weekly", "forecasting", "batch", None),
    ("recomendations for our ecomerce homepage, azure", "recommendation", "hybrid", "azure"),
    ("anomly detecton on sensor streams, no labels", "anomaly_detection", "streaming", None),
    ("segmentaton of satelite images for flood maps", "image_segmentation", "batch", None),
    ("wake word on microcontroler", "audio_classification", "edge", None),
    ("uplift model for retention offers", "uplift_modeling", "batch", None),
    ("semantic search ranking, 200 qps, <100 ms", "ranking", "real-time", None),
]
