<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis minScale="1e+08" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" version="3.22.16-Białowieża" maxScale="0">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal fetchMode="0" mode="0" enabled="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <customproperties>
    <Option type="Map">
      <Option type="QString" name="identify/format" value="Value"/>
    </Option>
  </customproperties>
  <pipe-data-defined-properties>
    <Option type="Map">
      <Option type="QString" name="name" value=""/>
      <Option name="properties"/>
      <Option type="QString" name="type" value="collection"/>
    </Option>
  </pipe-data-defined-properties>
  <pipe>
    <provider>
      <resampling maxOversampling="2" zoomedInResamplingMethod="nearestNeighbour" zoomedOutResamplingMethod="nearestNeighbour" enabled="false"/>
    </provider>
    <rasterrenderer type="paletted" nodataColor="" band="1" opacity="1" alphaBand="-1">
      <minMaxOrigin>
        <limits>None</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
      <colorPalette>
        <paletteEntry label="11 LL: poor land structure (EG), poor condition (RSEI)" color="#b2182b" alpha="255" value="11"/>
        <paletteEntry label="12 LM: poor land structure (EG), moderate condition (RSEI)" color="#f4a582" alpha="255" value="12"/>
        <paletteEntry label="13 LH: poor land structure (EG), good condition (RSEI)" color="#fddbc7" alpha="255" value="13"/>
        <paletteEntry label="21 ML: moderate land structure (EG), poor condition (RSEI)" color="#fee8c8" alpha="255" value="21"/>
        <paletteEntry label="22 MM: moderate land structure (EG), moderate condition (RSEI)" color="#f0f0f0" alpha="255" value="22"/>
        <paletteEntry label="23 MH: moderate land structure (EG), good condition (RSEI)" color="#d9f0d3" alpha="255" value="23"/>
        <paletteEntry label="31 HL: good land structure (EG), poor condition (RSEI)" color="#c2a5cf" alpha="255" value="31"/>
        <paletteEntry label="32 HM: good land structure (EG), moderate condition (RSEI)" color="#a6dba0" alpha="255" value="32"/>
        <paletteEntry label="33 HH: good land structure (EG), good condition (RSEI)" color="#00622d" alpha="255" value="33"/>
      </colorPalette>
    </rasterrenderer>
    <brightnesscontrast brightness="0" gamma="1" contrast="0"/>
    <huesaturation colorizeRed="255" colorizeGreen="128" invertColors="0" colorizeOn="0" saturation="0" grayscaleMode="0" colorizeBlue="128" colorizeStrength="100"/>
    <rasterresampler maxOversampling="2"/>
    <resamplingStage>resamplingFilter</resamplingStage>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
