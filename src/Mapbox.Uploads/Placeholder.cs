namespace Mapbox.Uploads;
/// <summary>x</summary>
public static class Placeholder { }
