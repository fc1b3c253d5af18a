print("mldebt")
