print(1)
x = 'â‚