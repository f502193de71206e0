from cxqa.cli import main

main()
