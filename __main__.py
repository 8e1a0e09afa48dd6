"""`python -m duibiao`: the command line."""
from duibiao.cli import main

main()
