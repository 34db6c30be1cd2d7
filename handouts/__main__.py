from handouts.cli import main

main(prog_name="handouts")
