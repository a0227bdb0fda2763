/**
 * The {@code faust} command line: {@link faust.cli.Main} is the program behind {@code bin/faust}, and
 * {@link faust.cli.AppCommandLine} lets an app run it from its own {@code main} with {@code app.main(args)}.
 * Everything else is in {@code faust.cli.internal}.
 */
package faust.cli;
