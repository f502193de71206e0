"""File formats cxqa imports. Each reader turns a file into a stream of validated records."""
