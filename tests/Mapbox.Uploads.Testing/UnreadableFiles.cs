using System;
using System.IO;
using System.Net.Sockets;

namespace Mapbox.Uploads.Testing;

/// <summary>Paths that exist but that no process can open for reading, root included.</summary>
public static class UnreadableFiles
{
    /// <summary>
    /// Binds a Unix domain socket at <paramref name="path"/>: the path exists, reports length 0, and open() on it
    /// fails with ENXIO whoever asks. Dispose the socket when done; the path stays until deleted.
    /// </summary>
    public static Socket BindSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether this process may open the file for reading, found out without the code under test.</summary>
    public static bool CanOpen(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
