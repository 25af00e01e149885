# Corpus: ends with an uncaught exception raised with `raise X from Y`.
class ParseFailure(Exception):
    pass

def parse_int(text):
    try:
        return int(text)
    except ValueError as e:
        raise ParseFailure("could not parse " + repr(text)) from e

def parse_all(items):
    out = []
    for it in items:
        out.append(parse_int(it))
        print("parsed", it, "->", out[-1])
    return out

print(parse_all(["1", "22", "-333"]))
try:
    parse_all(["4", "five"])
except ParseFailure as e:
    print("caught:", e, "| cause:", repr(e.__cause__))
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("suppressed context") from None
except RuntimeError as e:
    print("caught:", e)
print(sum(parse_all(["10", "20"])))
parse_all(["7", "8", "nine", "10"])
print("unreachable")
