x = 1 # é
print(x)
