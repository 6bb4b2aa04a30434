from netjob.cli import main

main()
