# Corpus: real program: inventory/order processing with dicts, sorting and reports.
catalog = {
    "widget": {"price": 250, "stock": 10},
    "gadget": {"price": 1299, "stock": 3},
    "doohickey": {"price": 75, "stock": 100},
    "gizmo": {"price": 499, "stock": 0},
}
orders = [
    ("alice", [("widget", 2), ("doohickey", 10)]),
    ("bob", [("gadget", 2), ("gizmo", 1)]),
    ("carol", [("gadget", 2), ("widget", 1)]),
    ("dave", [("unknown", 1)]),
    ("erin", [("doohickey", 95), ("widget", 7)]),
]

class OrderError(Exception):
    pass

def money(cents):
    return f"${cents // 100}.{cents % 100:02d}"

def process(customer, lines):
    for name, qty in lines:
        if name not in catalog:
            raise OrderError(f"{customer}: no such item {name!r}")
        if catalog[name]["stock"] < qty:
            raise OrderError(f"{customer}: only {catalog[name]['stock']} {name} left, wanted {qty}")
    total = 0
    for name, qty in lines:
        catalog[name]["stock"] -= qty
        total += catalog[name]["price"] * qty
    discount = total // 10 if total > 5000 else 0
    return total - discount, discount

revenue = 0
receipts = {}
for customer, lines in orders:
    try:
        total, discount = process(customer, lines)
    except OrderError as e:
        print("REJECTED", e)
        continue
    revenue += total
    receipts[customer] = total
    print(f"{customer:<6} paid {money(total):>9} (discount {money(discount)})")
print("revenue", money(revenue))
print("stock:")
for name, info in sorted(catalog.items(), key=lambda kv: (kv[1]["stock"], kv[0])):
    flag = "  REORDER" if info["stock"] < 5 else ""
    print(f"  {name:<10}{info['stock']:>4}{flag}")
best = max(receipts, key=receipts.get)
print("best customer", best, money(receipts[best]))
print("sold out:", [n for n in catalog if catalog[n]["stock"] == 0])
value = sum(i["price"] * i["stock"] for i in catalog.values())
print("inventory value", money(value), "items", sum(i["stock"] for i in catalog.values()))
