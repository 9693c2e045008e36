#!/usr/bin/env python3
"""自行复核“双随机”抽取结果（只需 Python 3.8 及以上版本，不需要安装任何其他软件包）。

用法：
    python3 verify_draw.py 抽取公开数据.json

“抽取公开数据.json”从抽取结果复核页面下载。本程序按其中公开的三份名录、随机种子、
抽取数量和每所检查人员数，独立重新计算抽取结果，并与公布的结果逐项比对：
    1. 三份名录的 SHA-256 哈希值与抽取前公布的哈希值一致（名录在抽取前已固定）；
    2. 重新计算出的律所名单、顺序和检查人员安排与公布的结果一致。
全部一致时输出“复核结论：一致”，退出码为 0；否则输出“复核结论：不一致”，退出码为 1。
加 --json 时只输出重新计算的结果（JSON），便于程序比对。

计算方法：
    排序值 = SHA-256（“种子:类别:编号”）的十六进制文本，类别为 target（律所）或 inspector（检查人员）。
    排序值最小的 n 家律所依次被抽中；为每家律所依次选派 k 名检查人员：排除需回避的人员后，
    先选已分派任务最少的，任务数相同时选排序值小的。
"""

import hashlib
import json
import sys


def sha256_hex(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_ids(listing):
    return sorted({int(line) for line in listing.split("\n") if line})


def parse_pairs(listing):
    pairs = []
    for line in listing.split("\n"):
        if line:
            inspector, firm = line.split(":")
            pairs.append((int(inspector), int(firm)))
    return pairs


def rank(seed, kind, id_):
    return sha256_hex(f"{seed}:{kind}:{id_}")


def recompute(seed, target_ids, inspector_ids, avoid, n, k):
    """The draw, step by step as published; None when the inputs cannot give n targets."""
    if len(target_ids) < n or len(inspector_ids) < k:
        return None
    avoided = {}
    for inspector, target in avoid:
        avoided.setdefault(target, set()).add(inspector)
    drawn = sorted((rank(seed, "target", t), t) for t in target_ids)[:n]
    load = {i: 0 for i in inspector_ids}
    inspector_rank = {i: rank(seed, "inspector", i) for i in inspector_ids}
    targets = []
    for target_rank, target in drawn:
        candidates = sorted(
            (i for i in inspector_ids if i not in avoided.get(target, ())),
            key=lambda i: (load[i], inspector_rank[i], i),
        )
        if len(candidates) < k:
            return None
        taken = candidates[:k]
        for i in taken:
            load[i] += 1
        targets.append({"id": target, "rank": target_rank, "inspectors": taken})
    return {"targets": targets}


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        data = json.load(handle)
    result = recompute(
        data["seed"],
        parse_ids(data["targets_listing"]),
        parse_ids(data["inspectors_listing"]),
        parse_pairs(data["avoidance_listing"]),
        data["n"],
        data["k"],
    )
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    names = {int(key): value for key, value in data.get("firms", {}).items()}
    checks = [
        ("律所名录哈希值一致", sha256_hex(data["targets_listing"]) == data["targets_hash"]),
        ("检查人员名录哈希值一致", sha256_hex(data["inspectors_listing"]) == data["inspectors_hash"]),
        ("回避关系哈希值一致", sha256_hex(data["avoidance_listing"]) == data["avoidance_hash"]),
        ("重新计算的抽取结果与公布的结果一致", result == data["result"]),
    ]
    for label, ok in checks:
        print(("[一致]  " if ok else "[不一致]") + label)
    if result:
        print("重新计算的抽取结果：")
        for position, target in enumerate(result["targets"], 1):
            inspectors = "、".join(str(i) for i in target["inspectors"])
            name = names.get(target["id"], "")
            print(f"  {position}. {name}（编号{target['id']}），检查人员编号：{inspectors}")
    matches = all(ok for _label, ok in checks)
    print("复核结论：一致" if matches else "复核结论：不一致")
    return 0 if matches else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
