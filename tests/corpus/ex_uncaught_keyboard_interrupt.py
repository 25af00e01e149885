# Corpus: an uncaught KeyboardInterrupt is reported with its context and ends the process through SIGINT
# (exit status 130), as CPython does.
def work():
    try:
        {}["missing"]
    except KeyError:
        raise KeyboardInterrupt("stop")


print("working")
work()
