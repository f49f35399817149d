// SPDX-License-Identifier: GPL-3.0
/*
    Copyright 2021 0KIMS association.

    This file is generated with [snarkJS](https://github.com/iden3/snarkjs).

    snarkJS is a free software: you can redistribute it and/or modify it
    under the terms of the GNU General Public License as published by
    the Free Software Foundation, either version 3 of the License, or
    (at your option) any later version.

    snarkJS is distributed in the hope that it will be useful, but WITHOUT
    ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
    or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public
    License for more details.

    You should have received a copy of the GNU General Public License
    along with snarkJS. If not, see <https://www.gnu.org/licenses/>.
*/

pragma solidity >=0.7.0 <0.9.0;

contract RangeVerifier {
    // Scalar field size
    uint256 constant r    = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    // Base field size
    uint256 constant q   = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    // Verification Key data
    uint256 constant alphax  = 5918029203371761186509001692763833639929559798366736795062434770306604813625;
    uint256 constant alphay  = 19753503813126899414105190308948860069383142426415056477117062153936698291706;
    uint256 constant betax1  = 7190449906743114865500666179970489640160524225278647858104734992179782340627;
    uint256 constant betax2  = 16484675739089635297784605907497920336473155833123870635181304076600741633069;
    uint256 constant betay1  = 4095527679594157777684792562778578119497514352430534768749060199970563178780;
    uint256 constant betay2  = 10843816318680767810757592753982269166901463282859693346994165682872401168386;
    uint256 constant gammax1 = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 constant gammax2 = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 constant gammay1 = 4082367875863433681332203403145435568316851327593401208105741076214120093531;
    uint256 constant gammay2 = 8495653923123431417604973247489272438418190587263600148770280649306958101930;
    uint256 constant deltax1 = 4139631450077717368784735415657316556033563837347233940706965894063295496157;
    uint256 constant deltax2 = 15160785634602513278065755510726401927269830683801563919811067323239598382488;
    uint256 constant deltay1 = 3093986088244655327707446391998212022586823084573772266289430826601111810111;
    uint256 constant deltay2 = 12092200566726084103722373974883352258288078386542132461496023682719927028745;

    
    uint256 constant IC0x = 10520687294148652946527212783263732410388772993960066283039412953683265326145;
    uint256 constant IC0y = 11553495428459408000633185935279420003330024232525419911777009801553584947876;
    
    uint256 constant IC1x = 11297111740170703950210616456672027876024379777047817440686479184847318568947;
    uint256 constant IC1y = 12209739101009585032253695939434937300007586891030509676530181945169831077600;
    
    uint256 constant IC2x = 970940628219260194210923289163424578290928988577682855952411923041877335871;
    uint256 constant IC2y = 18886140476485314429450779392505002332233142232514860202250440042667513648778;
    
    uint256 constant IC3x = 12088491533309036321414805347197851151162107911195486997746426834487716008419;
    uint256 constant IC3y = 18159251553937394301782514498609539829738946914928880300445037470233148104462;
    
    uint256 constant IC4x = 2159945637016220878341218558477500385757462283310460455892908564317713272822;
    uint256 constant IC4y = 9806458070224125258446023119998224949505347322679375841499427922146650579855;
    
    uint256 constant IC5x = 17001090717172651758600998897754829913299627327752214037382920709187906665034;
    uint256 constant IC5y = 2110256639218199506071432684975321461222819680335543633217089581481272836;
    
    uint256 constant IC6x = 17664080556092989391528968389543893697615653341715162260579541948005718068664;
    uint256 constant IC6y = 9296628637182221340690928987136213397364776504517218237394603947232288389049;
    
    uint256 constant IC7x = 4564605390212667229680628382042809550994282436615892121821066671283389462563;
    uint256 constant IC7y = 8094824839026022282944097735682090402403319350956846862171205423556493423128;
    
    uint256 constant IC8x = 20462038864242036894153096876477888771861264178133219997816832536341439774204;
    uint256 constant IC8y = 4646638925814915151851945452325395346884208140031354674461163669510580020716;
    
    uint256 constant IC9x = 17877407029305812222536520903781034831329772733853763874625356894028665259704;
    uint256 constant IC9y = 20494766814265874746885076258006744521549971295021776525980550639257945667989;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[9] calldata _pubSignals) public view returns (bool) {
        assembly {
            function checkField(v) {
                if iszero(lt(v, r)) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }
            
            // G1 function to multiply a G1 value(x,y) to value in an address
            function g1_mulAccC(pR, x, y, s) {
                let success
                let mIn := mload(0x40)
                mstore(mIn, x)
                mstore(add(mIn, 32), y)
                mstore(add(mIn, 64), s)

                success := staticcall(sub(gas(), 2000), 7, mIn, 96, mIn, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }

                mstore(add(mIn, 64), mload(pR))
                mstore(add(mIn, 96), mload(add(pR, 32)))

                success := staticcall(sub(gas(), 2000), 6, mIn, 128, pR, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }

            function checkPairing(pA, pB, pC, pubSignals, pMem) -> isOk {
                let _pPairing := add(pMem, pPairing)
                let _pVk := add(pMem, pVk)

                mstore(_pVk, IC0x)
                mstore(add(_pVk, 32), IC0y)

                // Compute the linear combination vk_x
                
                g1_mulAccC(_pVk, IC1x, IC1y, calldataload(add(pubSignals, 0)))
                
                g1_mulAccC(_pVk, IC2x, IC2y, calldataload(add(pubSignals, 32)))
                
                g1_mulAccC(_pVk, IC3x, IC3y, calldataload(add(pubSignals, 64)))
                
                g1_mulAccC(_pVk, IC4x, IC4y, calldataload(add(pubSignals, 96)))
                
                g1_mulAccC(_pVk, IC5x, IC5y, calldataload(add(pubSignals, 128)))
                
                g1_mulAccC(_pVk, IC6x, IC6y, calldataload(add(pubSignals, 160)))
                
                g1_mulAccC(_pVk, IC7x, IC7y, calldataload(add(pubSignals, 192)))
                
                g1_mulAccC(_pVk, IC8x, IC8y, calldataload(add(pubSignals, 224)))
                
                g1_mulAccC(_pVk, IC9x, IC9y, calldataload(add(pubSignals, 256)))
                

                // -A
                mstore(_pPairing, calldataload(pA))
                mstore(add(_pPairing, 32), mod(sub(q, calldataload(add(pA, 32))), q))

                // B
                mstore(add(_pPairing, 64), calldataload(pB))
                mstore(add(_pPairing, 96), calldataload(add(pB, 32)))
                mstore(add(_pPairing, 128), calldataload(add(pB, 64)))
                mstore(add(_pPairing, 160), calldataload(add(pB, 96)))

                // alpha1
                mstore(add(_pPairing, 192), alphax)
                mstore(add(_pPairing, 224), alphay)

                // beta2
                mstore(add(_pPairing, 256), betax1)
                mstore(add(_pPairing, 288), betax2)
                mstore(add(_pPairing, 320), betay1)
                mstore(add(_pPairing, 352), betay2)

                // vk_x
                mstore(add(_pPairing, 384), mload(add(pMem, pVk)))
                mstore(add(_pPairing, 416), mload(add(pMem, add(pVk, 32))))


                // gamma2
                mstore(add(_pPairing, 448), gammax1)
                mstore(add(_pPairing, 480), gammax2)
                mstore(add(_pPairing, 512), gammay1)
                mstore(add(_pPairing, 544), gammay2)

                // C
                mstore(add(_pPairing, 576), calldataload(pC))
                mstore(add(_pPairing, 608), calldataload(add(pC, 32)))

                // delta2
                mstore(add(_pPairing, 640), deltax1)
                mstore(add(_pPairing, 672), deltax2)
                mstore(add(_pPairing, 704), deltay1)
                mstore(add(_pPairing, 736), deltay2)


                let success := staticcall(sub(gas(), 2000), 8, _pPairing, 768, _pPairing, 0x20)

                isOk := and(success, mload(_pPairing))
            }

            let pMem := mload(0x40)
            mstore(0x40, add(pMem, pLastMem))

            // Validate that all evaluations ∈ F
            
            checkField(calldataload(add(_pubSignals, 0)))
            
            checkField(calldataload(add(_pubSignals, 32)))
            
            checkField(calldataload(add(_pubSignals, 64)))
            
            checkField(calldataload(add(_pubSignals, 96)))
            
            checkField(calldataload(add(_pubSignals, 128)))
            
            checkField(calldataload(add(_pubSignals, 160)))
            
            checkField(calldataload(add(_pubSignals, 192)))
            
            checkField(calldataload(add(_pubSignals, 224)))
            
            checkField(calldataload(add(_pubSignals, 256)))
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
