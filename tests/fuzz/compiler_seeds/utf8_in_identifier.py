x = 1


zéz = 2
