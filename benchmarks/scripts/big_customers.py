#!/usr/bin/env python3
"""Writes the customer table of docs/benchmarks.md's "Large customer tables": 1,000,000 rows (or N) of id, a city,
a join date as dd.MM.yyyy text, a log-normal spend, a visit count and a code letter (random, seed 5), 38 MB.

    python3 benchmarks/scripts/big_customers.py big.csv [N]
    java -jar cli/target/segmint.jar segment --customers big.csv --id id --k 4 --out b.csv
"""
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
random.seed(5)
cities = ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Stuttgart', 'Leipzig', 'Dresden']
with open(out, 'w') as f:
    f.write('id,city,joined,spend,visits,segment_code\n')
    for i in range(n):
        f.write(f"C{i},{random.choice(cities)},{random.randint(1, 28):02d}.{random.randint(1, 12):02d}."
                f"20{random.randint(10, 24)},{random.lognormvariate(4, 1):.2f},{random.randint(0, 40)},"
                f"{random.choice('ABCD')}\n")
