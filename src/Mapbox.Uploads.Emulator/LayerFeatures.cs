using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// One layer's features as the tiles would hold them: each feature's line as stored bytes, keyed by its id. A
/// replaced feature keeps its place; a new one goes last; a feature without an id gets a key no id can have.
/// </summary>
internal sealed class LayerFeatures
{
    private readonly Dictionary<string, (long Order, byte[] Line)> _byId;
    private long _next;

    public LayerFeatures() => _byId = new(StringComparer.Ordinal);

    private LayerFeatures(LayerFeatures other)
    {
        _byId = new(other._byId, StringComparer.Ordinal);
        _next = other._next;
    }

    public int Count => _byId.Count;

    public LayerFeatures Copy() => new(this);

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Adds the feature, or replaces the one with its id in place.</summary>
    public void Put(string? id, byte[] line)
    {
        var key = id ?? "\0" + _next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _byId[key] = _byId.TryGetValue(key, out var existing) ? (existing.Order, line) : (_next++, line);
    }

    public void Remove(string id) => _byId.Remove(id);

    public IEnumerable<byte[]> InOrder() => _byId.Values.OrderBy(f => f.Order).Select(f => f.Line);
}
