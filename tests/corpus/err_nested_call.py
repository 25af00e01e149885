# Corpus: ends with an uncaught exception raised several calls deep (IndexError).
def level3(data, i):
    print("level3 index", i)
    return data[i]

def level2(data, idx):
    return [level3(data, i) for i in idx]

def level1(data):
    print("level1 start", data)
    result = level2(data, [0, -1, 1])
    print("first lookup ok", result)
    try:
        level2(data, [5])
    except IndexError as e:
        print("recovered:", e)
    return level2(data, [2, 3, 4])

def main():
    print("main start")
    out = level1([10, 20, 30, 40])
    print("main end", out)

main()
