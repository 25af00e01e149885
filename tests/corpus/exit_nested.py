# Corpus: ends with SystemExit(0)-style exit from a nested generator-driven loop: status 0.
def events():
    for i in range(10):
        yield ("tick", i)
        if i == 4:
            yield ("stop", i)

def main():
    seen = 0
    for kind, i in events():
        print(kind, i)
        seen += 1
        if kind == "stop":
            print("stopping after", seen, "events")
            raise SystemExit(0)
    print("unreachable")

try:
    main()
finally:
    print("finally before exit")
