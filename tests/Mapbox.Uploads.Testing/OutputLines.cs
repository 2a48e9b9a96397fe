using System.Text;

namespace Mapbox.Uploads.Testing;

/// <summary>The lines a child process writes, collected from its output events, which arrive on any thread.</summary>
public sealed class OutputLines
{
    private readonly StringBuilder _text = new();

    /// <summary>Adds a line; the null that ends a stream is ignored.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
        }
    }

    /// <summary>Everything so far, one line per line.</summary>
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
