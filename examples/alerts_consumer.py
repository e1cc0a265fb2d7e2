#!/usr/bin/env python3
"""Prints newswatch's alerts as they are raised, read from news.alerts.json with confluent-kafka.

Each record there is one alert as the JSON document a webhook receives, keyed by place id.

    python3 alerts_consumer.py [BOOTSTRAP_SERVERS [ALERTS]]

BOOTSTRAP_SERVERS defaults to the broker of `newswatch up`; with ALERTS it stops after that
many, else it follows until Ctrl-C. Its consumer group starts at the oldest alert and, run
again, carries on after the last one it read.
"""
import json
import sys

from confluent_kafka import Consumer

bootstrap = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
stop_after = int(sys.argv[2]) if len(sys.argv) > 2 else None

consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "alerts-example",
                     "auto.offset.reset": "earliest"})
consumer.subscribe(["news.alerts.json"])
seen = 0
try:
    while stop_after is None or seen < stop_after:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():  # e.g. the topic is not there yet: the consumer retries
            print(msg.error(), file=sys.stderr)
            continue
        alert = json.loads(msg.value())
        print(alert["level"], alert["summary"], flush=True)
        seen += 1
except KeyboardInterrupt:
    pass
finally:
    consumer.close()
