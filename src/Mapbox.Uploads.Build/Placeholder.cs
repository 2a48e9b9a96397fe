namespace Mapbox.Uploads.Build;
/// <summary>x</summary>
public static class Placeholder { }
